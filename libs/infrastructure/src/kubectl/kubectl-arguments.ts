import { KubectlConnection } from './kubectl-connection';

/**
 * `kubectl port-forward <type>/<name> :<remote>` on an ephemeral 127.0.0.1 port. Namespace and context use the
 * `--flag=value` form, and `--` ends the options before the positional arguments, so no value can ever be read
 * as another flag (validation refuses such names too).
 */
export function portForwardArguments(connection: KubectlConnection, remotePort: number): string[] {
  return [
    'port-forward',
    '--address',
    '127.0.0.1',
    `--namespace=${connection.namespace}`,
    ...(connection.context ? [`--context=${connection.context}`] : []),
    '--',
    `${connection.resourceType}/${connection.resourceName}`,
    `:${remotePort}`,
  ];
}

const FORWARDING = /^Forwarding from 127\.0\.0\.1:(\d+) -> \d+/;

/** The local port from kubectl's `Forwarding from 127.0.0.1:N -> R` line, or undefined for any other line. */
export function forwardingPort(line: string): number | undefined {
  const match = FORWARDING.exec(line.trim());
  return match ? Number(match[1]) : undefined;
}

import { err, ok, Result } from '../shared/result';
import { InvalidValueError, Violation } from '../shared/localport-error';
import { Connection, Technology } from './connection';
import { HealthCheckSpec } from './health-check-spec';
import { checkLimit, HEALTH_CHECK_LIMITS, Limit, RESTART_POLICY_LIMITS, SERVICE_LIMITS } from './limits';
import { PortNumber, toPortNumber } from './port-number';
import { RestartPolicy } from './restart-policy';
import { parseHostPort } from './service-gate';

/** One forward the user wants kept alive: a local port, a remote port, and how to reach it. */
export interface Service {
  readonly name: string;
  readonly technology: Technology;
  readonly localPort: PortNumber;
  readonly remotePort: PortNumber;
  /** Address the local port is bound on; 127.0.0.1 unless configured. */
  readonly bindAddress: string;
  /** The technology's settings; opaque to the core. */
  readonly connection: Connection;
  /** Where the connection leads, as its technology describes it, e.g. `service/postgres:5432`. */
  readonly target: string;
  /**
   * The kube context whose cluster gates this service, resolved when the config was loaded (the
   * kubeconfig's current context when the service names none); null when no cluster gates it.
   */
  readonly kubeContext: string | null;
  /**
   * The `host:port` that must accept TCP connections for the tunnel to start (ssh: its server, or the
   * first ProxyJump hop), declared by the technology at load; absent when no host gates the service.
   */
  readonly gateHost?: string;
  readonly healthCheck: HealthCheckSpec;
  readonly restartPolicy: RestartPolicy;
  readonly tags: readonly string[];
  readonly description?: string;
  readonly enabled: boolean;
  /** How long a client connection waits for the upstream while it is (re)starting. */
  readonly connectTimeoutMs: number;
}

export type ServiceInput = Omit<Service, 'technology' | 'localPort' | 'remotePort'> & { readonly localPort: number; readonly remotePort: number };

/** Service names: letters, digits, '.', '_' or '-', starting with a letter or digit, at most 63. */
export const SERVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** Builds a Service, checking every invariant; violations name domain fields (`healthCheck.intervalMs`). */
export function createService(input: ServiceInput): Result<Service, InvalidValueError> {
  const v: Violation[] = [];
  if (!SERVICE_NAME.test(input.name)) v.push({ field: 'name', message: `${JSON.stringify(input.name)} is not a valid name (letters, digits, '.', '_' or '-', at most 63)` });
  for (const [value, field] of [[input.localPort, 'localPort'], [input.remotePort, 'remotePort']] as const) {
    const port = toPortNumber(value, field);
    if (!port.ok) v.push(port.error);
  }
  if (!input.connection || typeof input.connection.technology !== 'string' || !input.connection.technology) v.push({ field: 'connection.technology', message: 'is required' });
  if (input.kubeContext !== null && !input.kubeContext) v.push({ field: 'kubeContext', message: 'must be a context name or null' });
  if (input.gateHost !== undefined && !parseHostPort(input.gateHost)) v.push({ field: 'gateHost', message: 'must be host:port' });
  v.push(
    ...limitViolations(input.healthCheck as unknown as Record<string, number>, HEALTH_CHECK_LIMITS, 'healthCheck'),
    ...limitViolations(input.restartPolicy as unknown as Record<string, number>, RESTART_POLICY_LIMITS, 'restartPolicy'),
    ...limitViolations(input as unknown as Record<string, number>, SERVICE_LIMITS, ''),
  );
  if (v.length > 0) return err(new InvalidValueError(v));
  return ok(Object.freeze({ ...input, technology: input.connection.technology, localPort: input.localPort as PortNumber, remotePort: input.remotePort as PortNumber }));
}

function limitViolations(values: Readonly<Record<string, number>>, limits: Readonly<Record<string, Limit>>, prefix: string): Violation[] {
  return Object.entries(limits).flatMap(([key, limit]) => {
    const found = checkLimit(values[key], limit, prefix ? `${prefix}.${key}` : key);
    return found ? [found] : [];
  });
}

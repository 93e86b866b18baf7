import { stringify } from 'yaml';
import type { SshdHarness } from '@localport/testing/sshd';

/** A LocalPort service entry in the file's snake_case shape. */
export type ServiceEntry = Record<string, unknown>;

/** Short intervals so the suite sees changes fast; cluster_health's interval has a floor of 60 s. */
const FAST_DEFAULTS = {
  health_check: { type: 'tcp', interval: 2, timeout: 2, failure_threshold: 2 },
  restart_policy: { initial_delay: 0.5, backoff_multiplier: 1.5, max_delay: 2, max_attempts: 0 },
  cluster_health: { interval: 60, timeout: 5, retry_attempts: 0, failure_threshold: 1 },
};

/**
 * A kubectl service entry. These suites were written against `kubectl port-forward` children (pids, kill -9,
 * process scans), so the entry names `forwarder: kubectl` unless `target.forwarder` says `native` (the default of
 * a file that names none).
 */
export function kubectlService(
  name: string,
  localPort: number,
  target: { type: string; name: string; port: number; context: string; namespace?: string; forwarder?: 'native' | 'kubectl' },
  extra: ServiceEntry = {},
): ServiceEntry {
  return {
    name,
    technology: 'kubectl',
    local_port: localPort,
    remote_port: target.port,
    connection: { resource_type: target.type, resource_name: target.name, namespace: target.namespace ?? 'default', context: target.context, forwarder: target.forwarder ?? 'kubectl' },
    ...extra,
  };
}

/** An ssh service through the test sshd to `127.0.0.1:remotePort` on its side, trusting only the harness's files. */
export function sshService(name: string, localPort: number, sshd: SshdHarness, remotePort: number, extra: ServiceEntry = {}): ServiceEntry {
  return {
    name,
    technology: 'ssh',
    local_port: localPort,
    remote_port: remotePort,
    connection: {
      host: sshd.host, port: sshd.port, user: sshd.user, key_file: sshd.clientKeyFile, remote_host: '127.0.0.1',
      ssh_options: { ...sshd.clientOptions },
    },
    ...extra,
  };
}

/** The whole config file as YAML. */
export function configYaml(services: readonly ServiceEntry[]): string {
  return `# written by the cli-e2e suite\n${stringify({ version: '1.0', defaults: FAST_DEFAULTS, services })}`;
}

import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import type { SshdHarness } from '@localport/testing/sshd';
import { BENCH_CONTEXT, TARGET_CONTAINER_PORT, TARGET_POD } from './bench-cluster';

/**
 * One service of a bench config. `resetAfter` (s) shortens restart_policy.reset_after; `sshOptions` add ssh_options;
 * `forwarder` picks a kubectl service's forwarder (default `kubectl`: child processes).
 */
export interface BenchService {
  readonly name: string;
  readonly technology: 'ssh' | 'kubectl';
  readonly localPort: number;
  readonly forwarder?: 'kubectl' | 'native';
  readonly resetAfter?: number;
  readonly sshOptions?: Readonly<Record<string, string>>;
}

/** Where the services lead: the target server (for ssh, through the sshd) and the fake cluster's pod. */
export interface BenchTargets {
  readonly targetPort: number;
  readonly sshd: SshdHarness;
}

function serviceEntry(s: BenchService, t: BenchTargets): Record<string, unknown> {
  const connection =
    s.technology === 'ssh'
      ? {
          host: t.sshd.host, port: t.sshd.port, user: t.sshd.user, key_file: t.sshd.clientKeyFile, remote_host: '127.0.0.1',
          strict_host_key_checking: 'yes', ssh_options: { ...t.sshd.clientOptions, ...s.sshOptions },
        }
      : // Most phases measure the kubectl forwarder (child processes, kill -9); the native one has its own bench (bench:native).
        { resource_type: 'pod', resource_name: TARGET_POD, namespace: 'default', context: BENCH_CONTEXT, forwarder: s.forwarder ?? 'kubectl' };
  return {
    name: s.name,
    technology: s.technology,
    local_port: s.localPort,
    remote_port: s.technology === 'ssh' ? t.targetPort : TARGET_CONTAINER_PORT,
    connection,
    ...(s.resetAfter !== undefined ? { restart_policy: { reset_after: s.resetAfter } } : {}),
  };
}

/** Writes a LocalPort config with LocalPort's default health checks and restart policy unless a service says otherwise. */
export function writeBenchConfig(path: string, services: readonly BenchService[], targets: BenchTargets): void {
  const doc = { version: '1.0', services: services.map((s) => serviceEntry(s, targets)) };
  writeFileSync(path, `# Written by the LocalPort benchmark (tools/bench).\n${stringify(doc)}`);
}

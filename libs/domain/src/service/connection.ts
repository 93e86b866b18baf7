import { PortNumber } from './port-number';

/** Kubernetes resource kinds a kubectl forward can target. */
export const RESOURCE_TYPES = ['pod', 'service', 'deployment', 'statefulset'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export const TECHNOLOGIES = ['kubectl', 'ssh'] as const;
export type Technology = (typeof TECHNOLOGIES)[number];

/** How to reach a Kubernetes resource. `context` undefined means the kubeconfig's current context. */
export interface KubectlConnection {
  readonly technology: 'kubectl';
  readonly resourceType: ResourceType;
  readonly resourceName: string;
  readonly namespace: string;
  readonly context?: string;
}

/** `yes` checks host keys strictly; `accept-new` trusts a first-seen key; `no` skips checking (documented risk). */
export type HostKeyChecking = 'yes' | 'accept-new' | 'no';

/** How to reach a host behind SSH. `remoteHost` is the target as seen from the SSH server. */
export interface SshConnection {
  readonly technology: 'ssh';
  readonly host: string;
  readonly port: PortNumber;
  readonly user?: string;
  readonly keyFile?: string;
  /** Passed to ssh through SSH_ASKPASS only; never on a command line, never logged. */
  readonly password?: string;
  readonly remoteHost: string;
  readonly strictHostKeyChecking: HostKeyChecking;
  /** Extra `-o Key=Value` options, for what ~/.ssh/config cannot express per service. */
  readonly options: Readonly<Record<string, string>>;
}

export type Connection = KubectlConnection | SshConnection;

/** A short human description of where a connection leads, e.g. `service/postgres:5432` or `db.internal:5432 via bastion`. */
export function describeTarget(connection: Connection, remotePort: number): string {
  if (connection.technology === 'kubectl') {
    return `${connection.resourceType}/${connection.resourceName}:${remotePort}`;
  }
  const via = connection.remoteHost === 'localhost' || connection.remoteHost === '127.0.0.1' ? '' : ` via ${connection.host}`;
  const target = via ? connection.remoteHost : connection.host;
  return `${target}:${remotePort}${via}`;
}

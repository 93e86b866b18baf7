import { Connection, PortNumber } from '@localport/domain';

/** `yes` checks host keys strictly; `accept-new` trusts a first-seen key; `no` skips checking (documented risk). */
export type HostKeyChecking = 'yes' | 'accept-new' | 'no';

/** How to reach a host behind SSH. `remoteHost` is the target as seen from the SSH server. */
export interface SshConnection extends Connection {
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

/** Whether a service's connection is an ssh one. */
export const isSshConnection = (c: Connection): c is SshConnection => c.technology === 'ssh';

import { SshConnection } from '@localport/domain';
import { homedir } from 'node:os';

/** Settings every tunnel gets unless the service's own options say otherwise (ssh keeps the first value it sees). */
const TUNABLE_DEFAULTS = ['ServerAliveInterval=15', 'ServerAliveCountMax=3', 'ConnectTimeout=10'];

/**
 * The `ssh` arguments for one tunnel from `socketPath` to `remoteHost:remotePort`. Fixed safety options come
 * first, so extra options cannot turn them off; extra options come before the tunable defaults, so they can
 * change those. No `-F`: the user's ~/.ssh/config, agent, ProxyJump and known_hosts keep working.
 */
export function sshTunnelArguments(connection: SshConnection, remotePort: number, socketPath: string): string[] {
  const o = (setting: string) => ['-o', setting];
  const auth = connection.password
    ? [...o('BatchMode=no'), ...o('PreferredAuthentications=password,keyboard-interactive,publickey'), ...o('NumberOfPasswordPrompts=1')]
    : o('BatchMode=yes');
  const extra = Object.entries(connection.options).flatMap(([key, value]) => o(`${key}=${value}`));
  const remoteHost = connection.remoteHost.includes(':') ? `[${connection.remoteHost}]` : connection.remoteHost;
  return [
    '-N',
    ...o('ExitOnForwardFailure=yes'),
    ...auth,
    ...o('StreamLocalBindUnlink=yes'),
    ...o(`StrictHostKeyChecking=${connection.strictHostKeyChecking}`),
    ...extra,
    ...TUNABLE_DEFAULTS.flatMap(o),
    '-L',
    `${socketPath}:${remoteHost}:${remotePort}`,
    '-p',
    String(connection.port),
    ...(connection.keyFile ? ['-i', expandHome(connection.keyFile)] : []),
    connection.user ? `${connection.user}@${connection.host}` : connection.host,
  ];
}

const expandHome = (path: string) => (path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path);

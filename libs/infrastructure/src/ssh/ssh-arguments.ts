import { homedir } from 'node:os';
import { SshConnection } from './ssh-connection';

/** Settings every tunnel gets unless the service's own options say otherwise (ssh keeps the first value it sees). */
const TUNABLE_DEFAULTS = ['ServerAliveInterval=15', 'ServerAliveCountMax=3', 'ConnectTimeout=10'];

/**
 * The `ssh` arguments for one tunnel from `socketPath` to `remoteHost:remotePort`. Fixed safety options come
 * first, so extra options cannot turn them off; extra options come before the tunable defaults, so they can
 * change those. No `-F`: the user's ~/.ssh/config, agent, ProxyJump and known_hosts keep working.
 *
 * Multiplexing is off for tunnels (`ControlMaster=no`, `ControlPath=none`, ahead of the user's config): as a mux
 * client, ssh hands its forward to the master and exits at once, so the process the daemon watches would not be
 * the tunnel, and a master going away would take every forward with it unseen.
 *
 * `--` ends the options before the destination, so a host or user can never be read as an option (validation
 * refuses such names too).
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
    ...o('ControlMaster=no'),
    ...o('ControlPath=none'),
    ...o(`StrictHostKeyChecking=${connection.strictHostKeyChecking}`),
    ...extra,
    ...TUNABLE_DEFAULTS.flatMap(o),
    '-L',
    `${socketPath}:${remoteHost}:${remotePort}`,
    '-p',
    String(connection.port),
    ...(connection.keyFile ? ['-i', expandHome(connection.keyFile)] : []),
    '--',
    connection.user ? `${connection.user}@${connection.host}` : connection.host,
  ];
}

const expandHome = (path: string) => (path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path);

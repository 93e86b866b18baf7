import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { PortNumber } from '@localport/domain';
import { expandHome } from '../paths/localport-paths';
import { ConnectionMappingContext, TechnologyModule } from '../technology/technology';
import { SshConnection } from './ssh-connection';
import { SshConnectionData, sshConnectionSchema } from './ssh-connection.schema';
import { sshGateHost } from './ssh-gate-host';
import { SshTunnelLauncher } from './ssh-tunnel-launcher.adapter';

/** `technology: ssh`: the system ssh forwarding a private Unix socket to `remote_host:remote_port`. */
export const sshTechnology: TechnologyModule<SshConnection, SshConnectionData> = {
  name: 'ssh',
  connectionSchema: sshConnectionSchema,
  toConnection: (c, ctx) => ({
    technology: 'ssh',
    host: c.host,
    port: (c.port ?? 22) as PortNumber,
    ...(c.user ? { user: c.user } : {}),
    ...(c.key_file ? { keyFile: resolveKeyFile(c.key_file, ctx) } : {}),
    ...(c.password !== undefined && c.password !== null ? { password: c.password } : {}),
    remoteHost: c.remote_host ?? 'localhost',
    strictHostKeyChecking: c.strict_host_key_checking ?? 'yes',
    options: { ...(c.ssh_options ?? {}) },
  }),
  render: (c) => ({
    host: c.host,
    port: c.port,
    ...(c.user ? { user: c.user } : {}),
    ...(c.keyFile ? { key_file: c.keyFile } : {}),
    ...(c.password !== undefined ? { password: c.password } : {}),
    remote_host: c.remoteHost,
    strict_host_key_checking: c.strictHostKeyChecking,
    ...(Object.keys(c.options).length ? { ssh_options: { ...c.options } } : {}),
  }),
  describeTarget: (c, remotePort) => {
    const local = c.remoteHost === 'localhost' || c.remoteHost === '127.0.0.1';
    return local ? `${c.host}:${remotePort}` : `${c.remoteHost}:${remotePort} via ${c.host}`;
  },
  doctor: (c) => [{ check: 'ssh', connection: c }],
  gateHost: sshGateHost,
  upstream: (ctx) => new SshTunnelLauncher({ runtimeDir: ctx.runtimeDir, sshPath: ctx.env['LOCALPORT_SSH'], env: ctx.env, ledger: ctx.ledger }),
};

/** `~` is the home directory; a relative path is relative to the config file, not to wherever the daemon runs. */
function resolveKeyFile(path: string, ctx: ConnectionMappingContext): string {
  const expanded = expandHome(path, ctx.homedir);
  const absolute = isAbsolute(expanded) ? expanded : resolve(dirname(resolve(ctx.file)), expanded);
  if (!existsSync(absolute)) ctx.warn('key_file', `${absolute} does not exist (yet); the tunnel will fail until it does`);
  return absolute;
}

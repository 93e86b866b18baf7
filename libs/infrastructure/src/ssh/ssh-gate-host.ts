import { formatHostPort } from '@localport/domain';
import { SshConnection } from './ssh-connection';

const option = (c: SshConnection, name: string): string | undefined =>
  Object.entries(c.options).find(([k]) => k.toLowerCase() === name)?.[1]?.trim();

/** `[user@]host[:port]` or `ssh://[user@]host[:port]`, IPv6 in brackets: one ProxyJump hop (`port` only when written). */
export function parseJumpHop(hop: string): { readonly host: string; readonly port?: number } | null {
  const rest = hop.trim().replace(/^ssh:\/\//i, '');
  const at = rest.lastIndexOf('@');
  const address = rest.slice(at + 1);
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(address);
  const plain = /^([^:[\]\s]+)(?::(\d+))?$/.exec(address);
  const match = bracketed ?? plain;
  if (!match) return null;
  if (!match[2]) return { host: match[1] };
  const port = Number(match[2]);
  return port >= 1 && port <= 65535 ? { host: match[1], port } : null;
}

/**
 * The `host:port` an ssh tunnel connects to first, which the host gate probes while its services
 * wait: the first hop of `ssh_options.ProxyJump` when set, else the server itself. With a
 * `ProxyCommand` the first hop is unknown, so no host gates the service (undefined).
 * Names are probed as ssh would connect to them (`~/.ssh/config` applies: see SshFirstHopProbe).
 */
export function sshGateHost(c: SshConnection): string | undefined {
  const command = option(c, 'proxycommand');
  if (command && command.toLowerCase() !== 'none') return undefined;
  const jump = option(c, 'proxyjump');
  if (jump && jump.toLowerCase() !== 'none') {
    const first = parseJumpHop(jump.split(',')[0]);
    return first ? formatHostPort(first.host, first.port ?? 22) : undefined;
  }
  return formatHostPort(c.host, c.port);
}

import { execFile } from 'node:child_process';
import { HostProbe } from '@localport/application';
import { parseJumpHop } from './ssh-gate-host';

interface Hop {
  readonly host: string;
  readonly port: number;
}
type Asked = { readonly host: string; readonly port?: number };

export interface SshFirstHopProbeOptions {
  readonly sshPath?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** An ssh config file instead of ~/.ssh/config (tests). */
  readonly configFile?: string;
  /** How long a resolution is reused (ms). */
  readonly cacheMs?: number;
}

const RESOLVE_TIMEOUT_MS = 2_000;
const MAX_HOPS = 4;

/**
 * Probes the host an ssh tunnel really connects to first: it asks `ssh -G` how ssh would reach a
 * `host:port` (a `~/.ssh/config` alias's HostName and Port, its ProxyJump's first hop), then lets
 * the TCP probe connect there. When ssh would go through a ProxyCommand there is nothing to probe:
 * the answer is true, so the service is never held back on a guess.
 */
export class SshFirstHopProbe implements HostProbe {
  private readonly cache = new Map<string, { readonly at: number; readonly hop: Promise<Hop | null> }>();

  constructor(
    private readonly tcp: HostProbe,
    private readonly options: SshFirstHopProbeOptions = {},
  ) {}

  async reachable(host: string, port: number, timeoutMs: number): Promise<boolean> {
    const hop = await this.firstHop(host, port);
    return hop === null ? true : this.tcp.reachable(hop.host, hop.port, timeoutMs);
  }

  private firstHop(host: string, port: number): Promise<Hop | null> {
    const key = `${host} ${port}`;
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < (this.options.cacheMs ?? 30_000)) return cached.hop;
    const hop = this.resolve(host, port, 0);
    this.cache.set(key, { at: Date.now(), hop });
    return hop;
  }

  /** Like ssh: the tunnel's own `-p` wins over the config's Port; a jump hop without a port takes the config's. */
  private async resolve(host: string, port: number | undefined, depth: number): Promise<Hop | null> {
    const settings = await this.sshG({ host, port });
    // ssh unusable: probe the name as written.
    if (!settings) return { host, port: port ?? 22 };
    const command = settings.get('proxycommand');
    if (command && command !== 'none') return null;
    const jump = settings.get('proxyjump');
    if (jump && jump !== 'none' && depth < MAX_HOPS) {
      const first = parseJumpHop(jump.split(',')[0]);
      return first ? this.resolve(first.host, first.port, depth + 1) : null;
    }
    return { host: settings.get('hostname') ?? host, port: Number(settings.get('port') ?? port ?? 22) };
  }

  private sshG({ host, port }: Asked): Promise<Map<string, string> | null> {
    const args = [...(this.options.configFile ? ['-F', this.options.configFile] : []), '-G', ...(port ? ['-p', String(port)] : []), '--', host];
    return new Promise((resolve) => {
      execFile(this.options.sshPath || 'ssh', args, { env: this.options.env, timeout: RESOLVE_TIMEOUT_MS }, (error, stdout) => {
        if (error) return resolve(null);
        const settings = new Map<string, string>();
        for (const line of stdout.split('\n')) {
          const space = line.indexOf(' ');
          if (space > 0) settings.set(line.slice(0, space).toLowerCase(), line.slice(space + 1).trim());
        }
        resolve(settings);
      });
    });
  }
}

import { LaunchOptions, RunningTunnel, TunnelError, TunnelLauncher } from '@localport/application';
import { err, Result, Service } from '@localport/domain';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChildProcessLedger } from '../process/child-process-ledger';
import { startTunnelProcess } from '../process/tunnel-process';
import { askpassEnvironment, writeAskpassScript, writePasswordFile } from './ssh-askpass';
import { sshTunnelArguments } from './ssh-arguments';
import { isSshConnection } from './ssh-connection';
import { explainSshExit } from './ssh-exit';
import { whenUnixSocketAccepts } from './unix-socket-ready';

export interface SshTunnelLauncherOptions {
  /** LocalPort's private runtime dir; tunnel sockets and the askpass helper go under it (created 0700). */
  readonly runtimeDir: string;
  /** The ssh program; default `ssh` from PATH. */
  readonly sshPath?: string;
  /** Environment for ssh (default: the daemon's, so SSH_AUTH_SOCK and HOME pass through). */
  readonly env?: NodeJS.ProcessEnv;
  /** SIGTERM to SIGKILL grace when stopping, ms. */
  readonly graceMs?: number;
  readonly ledger?: ChildProcessLedger;
}

// sun_path holds 104 bytes on macOS, 108 on Linux, including the terminating NUL.
const MAX_SOCKET_PATH_BYTES = 103;

/** Runs `ssh -N -L <unix socket>:<remote_host>:<remote_port>` for ssh services; ready once the socket accepts. */
export class SshTunnelLauncher implements TunnelLauncher {
  readonly technology = 'ssh' as const;

  constructor(private readonly options: SshTunnelLauncherOptions) {}

  async launch(service: Service, options: LaunchOptions): Promise<Result<RunningTunnel, TunnelError>> {
    const connection = service.connection;
    if (!isSshConnection(connection)) return err(new TunnelError('TUNNEL.EXITED', `${service.name} is not an ssh service`, true));
    if (connection.host.startsWith('-')) return err(new TunnelError('TUNNEL.NOT_FOUND', `ssh host ${JSON.stringify(connection.host)} is not a host name`, true));
    const dir = join(this.options.runtimeDir, 'tunnels');
    const prepared = await prepareDir(dir);
    if (prepared) return err(prepared);
    const socketPath = join(dir, `${service.name.slice(0, 24)}-${randomBytes(6).toString('hex')}.sock`);
    if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH_BYTES) {
      return err(new TunnelError('TUNNEL.EXITED', `tunnel socket path ${socketPath} is too long for a Unix socket; use a shorter runtime directory`, true));
    }
    const base = this.options.env ?? process.env;
    let env = base;
    let passwordFile: string | null = null;
    // Removed once the tunnel is up or gone (the helper removes it as soon as ssh has read it).
    const forgetPassword = () => (passwordFile ? rm(passwordFile, { force: true }) : Promise.resolve());
    if (connection.password) {
      const password = connection.password;
      const askpass = await Promise.all([writeAskpassScript(dir), writePasswordFile(dir, password)]).catch(
        (e: unknown) => new TunnelError('TUNNEL.EXITED', `cannot write the ssh askpass helper in ${dir}`, true, { cause: e }),
      );
      if (askpass instanceof TunnelError) return err(askpass);
      passwordFile = askpass[1];
      env = askpassEnvironment(askpass[0], passwordFile, base);
    }
    return startTunnelProcess(
      {
        label: 'ssh',
        command: this.options.sshPath ?? 'ssh',
        args: sshTunnelArguments(connection, service.remotePort, socketPath),
        env,
        graceMs: this.options.graceMs ?? 3_000,
        ledger: this.options.ledger,
        whenReady: async ({ settled }) => {
          await whenUnixSocketAccepts(socketPath, settled);
          await forgetPassword();
          return { kind: 'unix', path: socketPath };
        },
        explain: explainSshExit,
        cleanup: () => Promise.all([rm(socketPath, { force: true }), forgetPassword()]).then(() => undefined),
      },
      options,
    );
  }
}

/** Creates the private tunnel directory (0700); returns the error if it cannot. */
async function prepareDir(dir: string): Promise<TunnelError | undefined> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
    return undefined;
  } catch (e) {
    return new TunnelError('TUNNEL.EXITED', `cannot prepare the private tunnel directory ${dir}`, true, { cause: e });
  }
}

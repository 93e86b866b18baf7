import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ControlClient, ensurePrivateDir } from '@localport/infrastructure';
import { CliContext } from './cli-context';
import { CliError, EXIT } from './cli-error';

/** How long `daemon start` waits for the new daemon to answer on its socket. */
const START_DEADLINE_MS = 20_000;

/** Where the daemon's bundle is: next to the CLI's in dist/apps, unless LOCALPORT_DAEMON_ENTRY says otherwise. */
export function daemonEntry(env: NodeJS.ProcessEnv): string {
  const entry = env.LOCALPORT_DAEMON_ENTRY ?? join(__dirname, '..', 'daemon', 'main.js');
  if (!existsSync(entry)) throw new CliError(`cannot find the daemon program at ${entry} (run 'npm run build', or set LOCALPORT_DAEMON_ENTRY)`, EXIT.failed, 'DAEMON.MISSING');
  return entry;
}

/**
 * V8 flags of the daemon process. A young generation of 1 MB semi-spaces instead of up to 16 MB: the daemon
 * allocates little once it runs, and the default lets start-up garbage grow the new space to 16-22 MB that is
 * then kept (about 9 MB of RSS on an idle daemon, measured with 10 ssh services).
 */
export const DAEMON_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];

/**
 * glibc malloc settings of the daemon process (a user's own values win). Two arenas and a 128 KiB trim
 * threshold hand freed native memory back: after 10,000 control connections and a 64 MB line the JS heap
 * was back at its size but RSS stayed 33 % up with glibc's defaults, 16 % up with these.
 */
export const daemonEnv = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072', ...env });

export function daemonArgs(configPath: string, autoStart: boolean, foreground: boolean): string[] {
  return ['--config', configPath, ...(autoStart ? [] : ['--no-auto-start']), ...(foreground ? ['--foreground'] : [])];
}

/**
 * Starts the daemon detached (its own session) and returns a connection once it answers on its
 * socket; if it exits first, fails with what it printed (exit 2 for an invalid config).
 */
export async function startDaemonDetached(ctx: CliContext, configPath: string, autoStart: boolean): Promise<ControlClient> {
  const dir = ensurePrivateDir(ctx.paths.logDir);
  if (!dir.ok) throw new CliError(dir.error.message, EXIT.failed, dir.error.code);
  const startupLog = join(ctx.paths.logDir, 'daemon.startup.log');
  const out = openSync(startupLog, 'w', 0o600);
  const child = spawn(process.execPath, [...DAEMON_NODE_FLAGS, daemonEntry(ctx.env), ...daemonArgs(configPath, autoStart, false)], { detached: true, stdio: ['ignore', out, out], env: daemonEnv(ctx.env), cwd: '/' });
  closeSync(out);
  let exited: number | null = null;
  child.once('exit', (code, signal) => (exited = code ?? (signal ? 1 : 0)));
  child.unref();
  const deadline = Date.now() + START_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (exited !== null) {
      const said = readFileSync(startupLog, 'utf8').trim().replace(/^localport daemon: /gm, '');
      const [first, ...rest] = said.split('\n');
      throw new CliError(`the daemon did not start: ${first || `exit ${exited}`}`, exited === 2 ? EXIT.usage : EXIT.failed, 'DAEMON.START_FAILED', rest);
    }
    const client = await ControlClient.connect(ctx.paths.socketPath, { timeoutMs: 1_000 });
    if (client.ok) {
      const ping = await client.value.request('ping', {}, { timeoutMs: 2_000 });
      if (ping.ok) return client.value;
      client.value.close();
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new CliError(`the daemon did not answer within ${START_DEADLINE_MS / 1000} s (see ${startupLog})`, EXIT.failed, 'DAEMON.START_TIMEOUT');
}

/**
 * Runs the daemon attached to this process until it exits, passing SIGINT/SIGTERM on; returns its exit code
 * (0 after a clean stop). `logToStdout`: log to the terminal as well as the log file (`daemon start
 * --foreground`); without it the daemon logs to its files only (`daemon run`, under a service manager).
 */
export function runDaemonForeground(ctx: CliContext, configPath: string, autoStart: boolean, logToStdout = true): Promise<number> {
  const child = spawn(process.execPath, [...DAEMON_NODE_FLAGS, daemonEntry(ctx.env), ...daemonArgs(configPath, autoStart, logToStdout)], { stdio: 'inherit', env: daemonEnv(ctx.env) });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.removeAllListeners('SIGINT');
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(code ?? (signal === 'SIGINT' ? EXIT.interrupted : EXIT.failed));
    }),
  );
}

/** The running daemon, or a freshly started one (with auto-start off: the caller says what to start). */
export async function ensureDaemon(ctx: CliContext): Promise<{ client: ControlClient; started: boolean }> {
  const running = await ctx.connect();
  if (running) return { client: running, started: false };
  const configPath = ctx.configPath();
  await ctx.loadConfig(); // invalid config: say so here, with every problem, before detaching anything
  ctx.note(ctx.style.dim(`starting the daemon (config ${configPath})`));
  return { client: await startDaemonDetached(ctx, configPath, false), started: true };
}

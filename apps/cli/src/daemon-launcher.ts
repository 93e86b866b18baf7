import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { selectFromServices, Selection } from '@localport/application';
import { ControlClient, DeadDaemon, ensurePrivateDir, findDeadDaemon } from '@localport/infrastructure';
import { CliContext } from './cli-context';
import { CliError, EXIT, exitCodeFor } from './cli-error';

/** How long `daemon start` waits for the new daemon to answer on its socket. */
const START_DEADLINE_MS = 20_000;

/** Where the daemon's bundle is: next to the CLI's in dist/apps, unless LOCALPORT_DAEMON_ENTRY says otherwise. */
export function daemonEntry(env: NodeJS.ProcessEnv): string {
  const entry = env.LOCALPORT_DAEMON_ENTRY ?? join(__dirname, '..', 'daemon', 'main.js');
  if (!existsSync(entry)) throw new CliError(`cannot find the daemon program at ${entry} (run 'npm run build', or set LOCALPORT_DAEMON_ENTRY)`, EXIT.failed, 'DAEMON.MISSING');
  return entry;
}

/**
 * V8 flags of every daemon process, measured on an idle daemon with 50 services (RSS, docs/benchmarks.md):
 * - `--max-semi-space-size=1`: a 1 MB young generation instead of up to 16 MB; the default lets start-up
 *   garbage grow the new space to 16-22 MB that is then kept (about -9 MB).
 * - `--v8-pool-size=1`: one V8 worker thread (garbage collection and compiler tasks) instead of one per core
 *   (about -4 MB).
 */
export const DAEMON_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1', '--v8-pool-size=1'];

/**
 * `--no-opt`: no optimizing compiler (about -5 MB idle); functions run in the interpreter and, once warm, as
 * baseline machine code. It replaced `--lite-mode` (interpreter only, 3-5 MB smaller still), under which a daemon
 * grown by reloads to 2,000 services took 30-55 ms to answer one `status` and up to 250 ms during the reload;
 * with `--no-opt` 16 ms and about 100-160 ms, as with the full compiler. See {@link daemonNodeFlags}.
 */
export const NO_OPT_FLAGS: readonly string[] = ['--no-opt'];

/**
 * The node flags for a daemon started with these services: without the optimizing compiler unless a service
 * forwards natively in the daemon (`connection.forwarder: native`, resolved when the config is loaded): the
 * native forwarder's WebSocket frames are the one part of the daemon whose speed is JavaScript's. A later
 * reload keeps the flags the daemon started with (a restart picks again).
 */
export function daemonNodeFlags(services: readonly { readonly connection: unknown }[]): readonly string[] {
  const native = services.some((s) => (s.connection as { forwarder?: unknown }).forwarder === 'native');
  return native ? DAEMON_NODE_FLAGS : [...DAEMON_NODE_FLAGS, ...NO_OPT_FLAGS];
}

/**
 * The daemon's environment: the caller's, plus glibc malloc settings (a user's own values win; ignored off glibc).
 * - `MALLOC_TRIM_THRESHOLD_=131072`: the default threshold grows with the largest freed block, so the 6-7 MB
 *   malloc peak of parsing the bundle stays mapped for the daemon's whole life; a fixed 128 KiB gives it back
 *   (about -7 MB RSS idle).
 * - `MALLOC_ARENA_MAX=2`: after 10,000 control connections and a 64 MB line the JS heap was back at its size
 *   but RSS stayed 33 % up with glibc's defaults, 16 % up with these two settings.
 */
export const daemonEnv = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072', ...env });

export function daemonArgs(configPath: string, autoStart: boolean, foreground: boolean): string[] {
  return ['--config', configPath, ...(autoStart ? [] : ['--no-auto-start']), ...(foreground ? ['--foreground'] : [])];
}

/**
 * Starts the daemon detached (its own session) and returns a connection once it answers on its
 * socket; if it exits first, fails with what it printed (exit 2 for an invalid config).
 */
export async function startDaemonDetached(ctx: CliContext, configPath: string, autoStart: boolean, nodeFlags: readonly string[]): Promise<ControlClient> {
  const dir = ensurePrivateDir(ctx.paths.logDir);
  if (!dir.ok) throw new CliError(dir.error.message, EXIT.failed, dir.error.code);
  // The new daemon reaps what a dead one left before it answers: say so once it does.
  const died = await findDeadDaemon(ctx.paths);
  const startupLog = join(ctx.paths.logDir, 'daemon.startup.log');
  const out = openSync(startupLog, 'w', 0o600);
  const child = spawn(process.execPath, [...nodeFlags, daemonEntry(ctx.env), ...daemonArgs(configPath, autoStart, false)], { detached: true, stdio: ['ignore', out, out], env: daemonEnv(ctx.env), cwd: '/' });
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
      if (ping.ok) {
        if (died) ctx.note(ctx.style.yellow(reapNote(died)));
        return client.value;
      }
      client.value.close();
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new CliError(`the daemon did not answer within ${START_DEADLINE_MS / 1000} s (see ${startupLog})`, EXIT.failed, 'DAEMON.START_TIMEOUT');
}

const reapNote = (died: DeadDaemon): string => {
  const n = died.orphans.length;
  const reaped = n === 0 ? '' : `; stopped the ${n} tunnel process${n > 1 ? 'es' : ''} it left running (pid ${died.orphans.map((o) => o.pid).join(', ')})`;
  return `the previous daemon (pid ${died.pid}) had died without shutting down${reaped}`;
};

/**
 * Runs the daemon attached to this process until it exits, passing SIGINT/SIGTERM on; returns its exit code
 * (0 after a clean stop). `logToStdout`: log to the terminal as well as the log file (`daemon start
 * --foreground`), where Ctrl-C then exits 130 like every command that runs until interrupted; without it the
 * daemon logs to its files only (`daemon run`, under a service manager), and a clean stop is 0 whatever the signal.
 */
export function runDaemonForeground(ctx: CliContext, configPath: string, autoStart: boolean, nodeFlags: readonly string[], logToStdout = true): Promise<number> {
  const child = spawn(process.execPath, [...nodeFlags, daemonEntry(ctx.env), ...daemonArgs(configPath, autoStart, logToStdout)], { stdio: 'inherit', env: daemonEnv(ctx.env) });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  let interrupted = false;
  const onInt = () => {
    interrupted = true;
    child.kill('SIGINT');
  };
  const onTerm = forward('SIGTERM');
  // Ours first, then the CLI's exit-at-once handler off: SIGINT never has no listener, which would drop a pending one.
  process.on('SIGINT', onInt);
  for (const other of process.listeners('SIGINT')) if (other !== onInt) process.off('SIGINT', other);
  process.on('SIGTERM', onTerm);
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      if (code === EXIT.ok && interrupted && logToStdout) resolve(EXIT.interrupted);
      else resolve(code ?? (signal === 'SIGINT' ? EXIT.interrupted : EXIT.failed));
    }),
  );
}

/**
 * The running daemon, or a freshly started one (with auto-start off: the caller says what to start). With
 * `selection`, a new daemon is started only if the config has what it selects (else the selection's error, exit 2).
 */
export async function ensureDaemon(ctx: CliContext, selection?: Selection): Promise<{ client: ControlClient; started: boolean }> {
  const running = await ctx.connect();
  if (running) return { client: running, started: false };
  const configPath = ctx.configPath();
  const { config } = await ctx.loadConfig(); // invalid config: say so here, with every problem, before detaching anything
  const chosen = selection ? selectFromServices(config.services, selection) : undefined;
  if (chosen && !chosen.ok) throw new CliError(chosen.error.message, exitCodeFor(chosen.error.code), chosen.error.code);
  ctx.note(ctx.style.dim(`starting the daemon (config ${configPath})`));
  return { client: await startDaemonDetached(ctx, configPath, false, daemonNodeFlags(config.services)), started: true };
}

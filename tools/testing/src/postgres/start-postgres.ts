import { ChildProcess, execFile, spawn } from 'node:child_process';
import { chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../loopback/free-port';
import { TEST_TLS } from '../loopback/test-tls';
import { findPostgresBin, lookupUser } from './postgres-install';

/** A running throw-away PostgreSQL server on loopback with password (SCRAM) auth over TCP. */
export interface RunningPostgres {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** The cluster's superuser, with `password`. */
  readonly user: string;
  readonly password: string;
  readonly database: string;
  /** The temp dir holding data and sockets (gone after stop). */
  readonly directory: string;
  /** The postmaster's pid. */
  readonly pid: number;
  /** Fast shutdown (SIGINT), waits for the exit, deletes the data directory. Idempotent. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  readonly user?: string;
  readonly password?: string;
  /** Serve TLS too, with the self-signed TEST_TLS certificate (clients must not verify it). */
  readonly ssl?: boolean;
  readonly startTimeoutMs?: number;
}

const READY = 'database system is ready to accept connections';
const run = promisify(execFile);

/**
 * initdb into a temp dir and start `postgres` in the foreground on 127.0.0.1 and a free port (fsync off, small
 * buffers). As root it runs as the `postgres` system user (PostgreSQL refuses root). Takes a few seconds.
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<RunningPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin): install the postgresql package');
  const runAs = process.getuid?.() === 0 ? lookupUser('postgres') : null;
  if (process.getuid?.() === 0 && !runAs) throw new Error('running as root, and there is no "postgres" user to run PostgreSQL as');
  const user = options.user ?? 'localport';
  const password = options.password ?? 'localport-test-secret';
  const root = await mkdtemp(join(tmpdir(), 'lp-postgres-'));
  try {
    const data = join(root, 'data');
    const sockets = join(root, 'sockets');
    await mkdir(sockets);
    await writeFile(join(root, 'pwfile'), `${password}\n`, { mode: 0o600 });
    if (runAs) for (const p of [root, sockets, join(root, 'pwfile')]) await chown(p, runAs.uid, runAs.gid);
    const ids = runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
    const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
    const initArgs = ['-D', data, '-U', user, `--pwfile=${join(root, 'pwfile')}`, '--auth-host=scram-sha-256', '--auth-local=trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'];
    await run(join(bin, 'initdb'), initArgs, { ...ids, env, cwd: root }).catch((e: Error & { stderr?: string }) => {
      throw new Error(`initdb failed: ${e.stderr ?? e.message}`);
    });
    if (options.ssl) await writeTlsFiles(data, runAs);
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const child = spawn(join(bin, 'postgres'), serverArgs(data, sockets, port, options.ssl ?? false), { ...ids, env, cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
      const started = await waitReady(child, options.startTimeoutMs ?? 60_000);
      if (started === null) return running(child, root, port, user, password);
      await stopChild(child);
      // Another process may take the free port between our check and postgres' bind: try another.
      if (!/could not bind|Address already in use/.test(started) || attempt >= 3) throw new Error(`postgres did not start: ${started}`);
    }
  } catch (e) {
    await rm(root, { recursive: true, force: true });
    throw e;
  }
}

/** PostgreSQL wants the key owned by the server user and not readable by others. */
async function writeTlsFiles(data: string, runAs: { uid: number; gid: number } | null): Promise<void> {
  for (const [file, text] of [['server.key', TEST_TLS.key], ['server.crt', TEST_TLS.cert]] as const) {
    await writeFile(join(data, file), text, { mode: 0o600 });
    if (runAs) await chown(join(data, file), runAs.uid, runAs.gid);
  }
}

function serverArgs(data: string, sockets: string, port: number, ssl: boolean): string[] {
  const settings = { listen_addresses: '127.0.0.1', fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', shared_buffers: '16MB', max_connections: '30', logging_collector: 'off', ssl: ssl ? 'on' : 'off' };
  return ['-D', data, '-k', sockets, '-p', String(port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
}

/** null once the server logs that it is ready; else its log tail (it exited or timed out). Keeps draining stderr. */
function waitReady(child: ChildProcess, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    let log = '';
    const timer = setTimeout(() => resolve(`not ready after ${timeoutMs} ms:\n${log.slice(-2000)}`), timeoutMs);
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      log = (log + text).slice(-8000);
      if (log.includes(READY)) {
        clearTimeout(timer);
        resolve(null);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(`exited (${signal ?? code}):\n${log.slice(-2000)}`);
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      resolve(e.message);
    });
  });
}

function running(child: ChildProcess, root: string, port: number, user: string, password: string): RunningPostgres {
  // If the test process dies without stop(), do not leave a postmaster behind (SIGQUIT: immediate shutdown).
  const onExit = (): void => void child.kill('SIGQUIT');
  process.once('exit', onExit);
  let stopping: Promise<void> | null = null;
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    database: 'postgres',
    directory: root,
    pid: child.pid ?? -1,
    stop: () =>
      (stopping ??= (async () => {
        process.off('exit', onExit);
        await stopChild(child);
        await rm(root, { recursive: true, force: true });
      })()),
  };
}

/** SIGINT (fast shutdown), SIGKILL after 30 s; resolves when the process is gone. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

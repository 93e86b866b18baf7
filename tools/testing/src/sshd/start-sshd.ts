import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PasswordLaunch, passwordLaunch } from './password-namespace';
import { descendantsOf, signalQuietly } from './process-tree';
import { sshdConfig } from './sshd-config';

export interface StartSshdOptions {
  /** Public key lines allowed to log in; default: the generated client key only. */
  readonly authorizedKeys?: readonly string[];
  /** Turns on PasswordAuthentication (users and passwords are the system's: the harness creates none). */
  readonly passwordAuthentication?: boolean;
  /**
   * Lets the test user log in with this password (turns on PasswordAuthentication). sshd then runs in a private
   * mount namespace that gives the user this password; the system is not changed. Root only: see
   * `passwordSshdUnavailable()` for why it cannot run, to skip a test with that reason.
   */
  readonly userPassword?: string;
  /** Default true. */
  readonly allowTcpForwarding?: boolean;
  readonly sshdPath?: string;
}

/** A real OpenSSH server on loopback with its own host key, client key and known_hosts file. */
export interface SshdHarness {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** The user the server lets in: whoever runs the tests. */
  readonly user: string;
  readonly clientKeyFile: string;
  readonly clientPublicKey: string;
  /** Holds `[127.0.0.1]:<port> <host key>`. */
  readonly knownHostsFile: string;
  /** `ssh-ed25519 AAAA...` */
  readonly hostKeyPublic: string;
  /** An ssh_config with a `Host lp-sshd` entry for ad-hoc `ssh -F` use. */
  readonly sshConfigFile: string;
  /** `-o` options that make a client use only this harness's files (no agent, no system known_hosts). */
  readonly clientOptions: Readonly<Record<string, string>>;
  readonly pid: number;
  /** sshd's log lines so far (it runs with -e, LogLevel VERBOSE). */
  logs(): readonly string[];
  /** Resolves with the first log line (past or future) matching `pattern`. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Kills sshd and every session process it forked, then deletes its files. */
  stop(): Promise<void>;
  /** The host goes down: kills sshd and its sessions (so their tunnels end), keeping its files and port. */
  down(): Promise<void>;
  /** Starts sshd again on the same port with the same keys; resolves once it listens. */
  up(): Promise<void>;
}

const SSHD_CANDIDATES = ['/usr/sbin/sshd', '/usr/local/sbin/sshd', '/opt/homebrew/sbin/sshd'];
const run = (file: string, args: string[]) =>
  new Promise<void>((resolve, reject) => execFile(file, args, (error, _out, stderr) => (error ? reject(new Error(`${file} failed: ${stderr || error.message}`)) : resolve())));

/** Starts `/usr/sbin/sshd -D -e` on a free loopback port. */
export async function startSshd(options: StartSshdOptions = {}): Promise<SshdHarness> {
  const sshd = options.sshdPath ?? SSHD_CANDIDATES.find((p) => existsSync(p));
  if (!sshd) throw new Error(`sshd not found in ${SSHD_CANDIDATES.join(', ')}; install openssh-server`);
  const isRoot = process.getuid?.() === 0;
  // As root, sshd insists on its privilege-separation directory.
  if (isRoot) await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const dir = await mkdtemp(join(tmpdir(), 'lp-sshd-'));
  try {
    const f = (name: string) => join(dir, name);
    await Promise.all([
      run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'lp-sshd-host', '-f', f('host_ed25519_key')]),
      run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'lp-sshd-client', '-f', f('client_key')]),
    ]);
    const hostKeyPublic = (await readFile(f('host_ed25519_key.pub'), 'utf8')).trim().split(' ').slice(0, 2).join(' ');
    const clientPublicKey = (await readFile(f('client_key.pub'), 'utf8')).trim();
    await writeFile(f('authorized_keys'), [...(options.authorizedKeys ?? [clientPublicKey]), ''].join('\n'), { mode: 0o600 });
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      await writeFile(
        f('sshd_config'),
        sshdConfig({
          port,
          hostKeyFile: f('host_ed25519_key'),
          pidFile: f('sshd.pid'),
          authorizedKeysFile: f('authorized_keys'),
          passwordAuthentication: options.passwordAuthentication ?? options.userPassword !== undefined,
          allowTcpForwarding: options.allowTcpForwarding ?? true,
          permitRootLogin: true,
        }),
      );
      const wrapper = options.userPassword === undefined ? undefined : await passwordLaunch(dir, userInfo().username, options.userPassword);
      const started = await launch(sshd, f('sshd_config'), port, wrapper);
      if (!started.ok) {
        if (attempt < 3 && /Address already in use/.test(started.logs.join('\n'))) continue;
        throw new Error(`sshd did not start: ${started.logs.join('\n')}`);
      }
      const user = userInfo().username;
      await writeFile(f('known_hosts'), `[127.0.0.1]:${port} ${hostKeyPublic}\n`);
      const clientOptions = { UserKnownHostsFile: f('known_hosts'), GlobalKnownHostsFile: '/dev/null', IdentitiesOnly: 'yes', IdentityAgent: 'none', UpdateHostKeys: 'no' };
      await writeFile(
        f('ssh_config'),
        ['Host lp-sshd', '  HostName 127.0.0.1', `  Port ${port}`, `  User ${user}`, `  IdentityFile ${f('client_key')}`, ...Object.entries(clientOptions).map(([k, v]) => `  ${k} ${v}`), ''].join('\n'),
      );
      return harness(started, () => launch(sshd, f('sshd_config'), port, wrapper), { port, user, dir, clientKeyFile: f('client_key'), clientPublicKey, knownHostsFile: f('known_hosts'), hostKeyPublic, sshConfigFile: f('ssh_config'), clientOptions });
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

interface Launched {
  readonly ok: boolean;
  readonly child: ChildProcess;
  readonly logs: string[];
  readonly listeners: Set<(line: string) => void>;
}

async function launch(sshd: string, config: string, port: number, wrapper?: PasswordLaunch): Promise<Launched> {
  const args = ['-D', '-e', '-f', config];
  const child = wrapper ? spawn(wrapper.command, [...wrapper.prefix, sshd, ...args], { stdio: ['ignore', 'ignore', 'pipe'] }) : spawn(sshd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const logs: string[] = [];
  const listeners = new Set<(line: string) => void>();
  createInterface({ input: child.stderr! }).on('line', (line) => {
    logs.push(line);
    for (const l of listeners) l(line);
  });
  const ok = await new Promise<boolean>((resolve) => {
    const ready = (line: string) => {
      if (line.includes(`Server listening on 127.0.0.1 port ${port}`)) resolve(true);
    };
    listeners.add(ready);
    child.once('exit', () => resolve(false));
    child.once('error', (e) => {
      logs.push(String(e));
      resolve(false);
    });
  });
  listeners.clear();
  return { ok, child, logs, listeners };
}

type Files = Omit<SshdHarness, 'host' | 'pid' | 'logs' | 'waitForLog' | 'stop' | 'down' | 'up'> & { readonly dir: string };

const exitOf = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/** Kills sshd and every session process it forked. */
async function kill(child: ChildProcess): Promise<void> {
  // Session processes are not in sshd's process group (they call setsid), so find them by parentage.
  const sessions = await descendantsOf(child.pid!);
  for (const pid of [child.pid!, ...sessions]) signalQuietly(pid, 'SIGTERM');
  const killTimer = setTimeout(() => signalQuietly(child.pid!, 'SIGKILL'), 3_000);
  await exitOf(child);
  clearTimeout(killTimer);
  for (const pid of sessions) signalQuietly(pid, 'SIGKILL');
}

function harness(started: Launched, relaunch: () => Promise<Launched>, files: Files): SshdHarness {
  let child = started.child;
  const { logs, listeners } = started;
  const { dir, ...rest } = files;
  let stopped: Promise<void> | undefined;
  return {
    host: '127.0.0.1',
    ...rest,
    get pid() {
      return child.pid!;
    },
    logs: () => [...logs],
    waitForLog: (pattern, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const seen = logs.find((l) => pattern.test(l));
        if (seen !== undefined) return resolve(seen);
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`sshd never logged ${pattern}; log:\n${logs.join('\n')}`));
        }, timeoutMs);
        function check(line: string) {
          if (!pattern.test(line)) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve(line);
        }
        listeners.add(check);
      }),
    stop: () =>
      (stopped ??= (async () => {
        await kill(child);
        await rm(dir, { recursive: true, force: true });
      })()),
    down: () => kill(child),
    up: async () => {
      const next = await relaunch();
      if (!next.ok) throw new Error(`sshd did not start again: ${next.logs.join('\n')}`);
      child = next.child;
      logs.push(...next.logs);
      next.listeners.add((line) => {
        logs.push(line);
        for (const l of listeners) l(line);
      });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address !== 'string' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

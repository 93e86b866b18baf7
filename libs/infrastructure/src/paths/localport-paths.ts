import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/** Where LocalPort keeps its files. Every path is absolute. */
export interface LocalportPaths {
  /** `LOCALPORT_HOME` when set; everything else then lives under it. */
  readonly home?: string;
  /** Durable state: the state file and the logs. */
  readonly stateDir: string;
  /** Volatile files: control socket, PID file, lock. */
  readonly runtimeDir: string;
  readonly logDir: string;
  /** One log per service. */
  readonly serviceLogDir: string;
  /** The daemon's control socket; short enough for the OS limit on Unix socket paths. */
  readonly socketPath: string;
  readonly pidFile: string;
  readonly lockFile: string;
  readonly stateFile: string;
  /** Disposable speed-ups (the CLI's compiled-code cache). */
  readonly cacheDir: string;
}

/** Facts about the machine, injectable for tests. */
export interface PathsSystem {
  readonly platform: NodeJS.Platform;
  readonly tmpdir: string;
  readonly uid: number;
}

/** `sun_path` holds 104 bytes on macOS and 108 on Linux, both including the terminating NUL. */
export const PORTABLE_SOCKET_PATH_BYTES = 103;
const SOCKET_NAME = 'daemon.sock';

/**
 * Resolves LocalPort's directories: everything under `LOCALPORT_HOME` (state/, run/, logs/) when it
 * is set, otherwise XDG (`$XDG_STATE_HOME/localport`, `$XDG_RUNTIME_DIR/localport`, `$XDG_CACHE_HOME/localport`).
 * Creates nothing.
 */
export function resolveLocalportPaths(env: NodeJS.ProcessEnv, homedir: string, system: Partial<PathsSystem> = {}): LocalportPaths {
  const sys: PathsSystem = { platform: process.platform, tmpdir: tmpdir(), uid: process.getuid?.() ?? 0, ...system };
  const home = env['LOCALPORT_HOME'] ? resolve(expandHome(env['LOCALPORT_HOME'], homedir)) : undefined;
  const stateDir = home ? join(home, 'state') : defaultStateDir(env, homedir, sys.platform);
  const xdgRuntime = xdgDir(env['XDG_RUNTIME_DIR']);
  const runtimeDir = home ? join(home, 'run') : xdgRuntime ? join(xdgRuntime, 'localport') : join(stateDir, 'run');
  const logDir = home ? join(home, 'logs') : join(stateDir, 'logs');
  return {
    ...(home ? { home } : {}),
    stateDir,
    runtimeDir,
    logDir,
    serviceLogDir: join(logDir, 'services'),
    socketPath: socketPathFor(runtimeDir, sys),
    pidFile: join(runtimeDir, 'daemon.pid'),
    lockFile: join(runtimeDir, 'daemon.lock'),
    stateFile: join(stateDir, 'state.json'),
    cacheDir: home ? join(home, 'cache') : defaultCacheDir(env, homedir, sys.platform),
  };
}

/**
 * `<runtimeDir>/daemon.sock`, or when that is too long for a Unix socket,
 * `<tmpdir>/localport-<uid>-<hash of runtimeDir>/daemon.sock` (distinct per LocalPort home).
 */
export function socketPathFor(runtimeDir: string, sys: Pick<PathsSystem, 'tmpdir' | 'uid'>): string {
  const preferred = join(runtimeDir, SOCKET_NAME);
  if (Buffer.byteLength(preferred) <= PORTABLE_SOCKET_PATH_BYTES) return preferred;
  const hash = createHash('sha256').update(runtimeDir).digest('hex').slice(0, 12);
  const short = join(sys.tmpdir, `localport-${sys.uid}-${hash}`, SOCKET_NAME);
  return Buffer.byteLength(short) <= PORTABLE_SOCKET_PATH_BYTES ? short : join('/tmp', `localport-${sys.uid}-${hash}`, SOCKET_NAME);
}

function defaultStateDir(env: NodeJS.ProcessEnv, homedir: string, platform: NodeJS.Platform): string {
  const xdgState = xdgDir(env['XDG_STATE_HOME']);
  if (xdgState) return join(xdgState, 'localport');
  if (platform === 'darwin') return join(homedir, 'Library', 'Application Support', 'localport');
  return join(homedir, '.local', 'state', 'localport');
}

function defaultCacheDir(env: NodeJS.ProcessEnv, homedir: string, platform: NodeJS.Platform): string {
  const xdgCache = xdgDir(env['XDG_CACHE_HOME']);
  if (xdgCache) return join(xdgCache, 'localport');
  if (platform === 'darwin') return join(homedir, 'Library', 'Caches', 'localport');
  return join(homedir, '.cache', 'localport');
}

/** The XDG spec says relative paths in these variables are invalid and must be ignored. */
const xdgDir = (value: string | undefined): string | undefined => (value && isAbsolute(value) ? value : undefined);

/** Expands a leading `~` or `~/` to `homedir`. */
export function expandHome(path: string, homedir: string): string {
  if (path === '~') return homedir;
  return path.startsWith('~/') ? join(homedir, path.slice(2)) : path;
}

import { lstatSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePrivateDir, PORTABLE_SOCKET_PATH_BYTES, resolveLocalportPaths } from './index';

const sys = { platform: 'linux' as const, tmpdir: '/tmp', uid: 1000 };

describe(resolveLocalportPaths.name, () => {
  it('puts everything under LOCALPORT_HOME when it is set', () => {
    const p = resolveLocalportPaths({ LOCALPORT_HOME: '/srv/lp', XDG_RUNTIME_DIR: '/run/user/1000' }, '/home/u', sys);
    expect(p).toEqual({
      home: '/srv/lp',
      stateDir: '/srv/lp/state',
      runtimeDir: '/srv/lp/run',
      logDir: '/srv/lp/logs',
      serviceLogDir: '/srv/lp/logs/services',
      socketPath: '/srv/lp/run/daemon.sock',
      pidFile: '/srv/lp/run/daemon.pid',
      lockFile: '/srv/lp/run/daemon.lock',
      stateFile: '/srv/lp/state/state.json',
      cacheDir: '/srv/lp/cache',
    });
  });

  it('expands ~ in LOCALPORT_HOME', () => {
    expect(resolveLocalportPaths({ LOCALPORT_HOME: '~/lp' }, '/home/u', sys).stateDir).toBe('/home/u/lp/state');
  });

  it('uses XDG_STATE_HOME, XDG_RUNTIME_DIR and XDG_CACHE_HOME otherwise', () => {
    const p = resolveLocalportPaths({ XDG_STATE_HOME: '/x/state', XDG_RUNTIME_DIR: '/run/user/1000', XDG_CACHE_HOME: '/x/cache' }, '/home/u', sys);
    expect(p.cacheDir).toBe('/x/cache/localport');
    expect(p.home).toBeUndefined();
    expect(p.stateDir).toBe('/x/state/localport');
    expect(p.logDir).toBe('/x/state/localport/logs');
    expect(p.runtimeDir).toBe('/run/user/1000/localport');
    expect(p.socketPath).toBe('/run/user/1000/localport/daemon.sock');
  });

  it('falls back to ~/.local/state/localport and a run/ directory under it', () => {
    const p = resolveLocalportPaths({}, '/home/u', sys);
    expect(p.stateDir).toBe('/home/u/.local/state/localport');
    expect(p.runtimeDir).toBe('/home/u/.local/state/localport/run');
    expect(p.serviceLogDir).toBe('/home/u/.local/state/localport/logs/services');
    expect(p.cacheDir).toBe('/home/u/.cache/localport');
  });

  it('ignores relative XDG paths, as the XDG spec requires', () => {
    const p = resolveLocalportPaths({ XDG_STATE_HOME: 'rel/state', XDG_RUNTIME_DIR: 'rel/run' }, '/home/u', sys);
    expect(p.stateDir).toBe('/home/u/.local/state/localport');
    expect(p.runtimeDir).toBe('/home/u/.local/state/localport/run');
  });

  it('uses ~/Library/Application Support and ~/Library/Caches on macOS', () => {
    const p = resolveLocalportPaths({}, '/Users/u', { ...sys, platform: 'darwin' });
    expect(p.stateDir).toBe('/Users/u/Library/Application Support/localport');
    expect(p.cacheDir).toBe('/Users/u/Library/Caches/localport');
  });

  it('moves a socket path that is too long to a short private directory under tmpdir', () => {
    const deep = '/home/u/' + 'very-long-directory-name/'.repeat(5);
    const a = resolveLocalportPaths({ LOCALPORT_HOME: deep + 'a' }, '/home/u', sys);
    const b = resolveLocalportPaths({ LOCALPORT_HOME: deep + 'b' }, '/home/u', sys);
    expect(a.socketPath).toMatch(/^\/tmp\/localport-1000-[0-9a-f]{12}\/daemon\.sock$/);
    expect(Buffer.byteLength(a.socketPath)).toBeLessThanOrEqual(PORTABLE_SOCKET_PATH_BYTES);
    expect(a.socketPath).not.toBe(b.socketPath);
    expect(a.pidFile.startsWith(deep)).toBe(true);
  });
});

describe(ensurePrivateDir.name, () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'lp-paths-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates nested directories with mode 0700', () => {
    const dir = join(root, 'a', 'b');
    expect(ensurePrivateDir(dir)).toEqual({ ok: true, value: dir });
    expect(lstatSync(dir).mode & 0o777).toBe(0o700);
  });

  it('tightens an existing directory that others can read', () => {
    const dir = join(root, 'open');
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    expect(ensurePrivateDir(dir).ok).toBe(true);
    expect(lstatSync(dir).mode & 0o777).toBe(0o700);
  });

  it('refuses a symlink or a file in the way', () => {
    const target = join(root, 'target');
    mkdirSync(target);
    symlinkSync(target, join(root, 'link'));
    writeFileSync(join(root, 'file'), '');
    expect(ensurePrivateDir(join(root, 'link'))).toMatchObject({ ok: false, error: { code: 'PATHS.UNSAFE_DIR' } });
    expect(ensurePrivateDir(join(root, 'file'))).toMatchObject({ ok: false, error: { code: 'PATHS.UNWRITABLE' } });
  });
});

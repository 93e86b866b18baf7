import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareSocketPath } from './socket-path';

describe('prepareSocketPath', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lps-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the missing directory with mode 0700', async () => {
    const path = join(dir, 'run', 'sub', 'd.sock');
    expect(await prepareSocketPath(path)).toEqual({ ok: true, value: undefined });
    expect((await stat(join(dir, 'run', 'sub'))).mode & 0o777).toBe(0o700);
  });

  it('removes a socket file nobody answers on (a daemon that was killed)', async () => {
    const path = join(dir, 'd.sock');
    // A real dead daemon: a process that listened and was SIGKILLed leaves its socket file behind.
    const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(path)}, () => console.log('up'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect((await stat(path)).isSocket()).toBe(true);
    expect(await prepareSocketPath(path)).toEqual({ ok: true, value: undefined });
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a socket a live server answers on', async () => {
    const path = join(dir, 'd.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      expect(await prepareSocketPath(path)).toMatchObject({ ok: false, error: { code: 'DAEMON.ALREADY_RUNNING' } });
      expect((await stat(path)).isSocket()).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses a path that is a regular file, and one too long for a Unix socket', async () => {
    const file = join(dir, 'd.sock');
    await writeFile(file, 'not a socket');
    expect(await prepareSocketPath(file)).toMatchObject({ ok: false, error: { code: 'CONTROL.SOCKET_UNAVAILABLE' } });
    expect(await prepareSocketPath(join(dir, 'x'.repeat(120), 'd.sock'))).toMatchObject({ ok: false, error: { code: 'CONTROL.SOCKET_PATH_TOO_LONG' } });
  });
});

import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { DaemonLock } from './daemon-lock';

describe(DaemonLock.name, () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lp-lock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets one holder in and names it to the next', async () => {
    const file = join(dir, 'daemon.lock');
    const first = new DaemonLock(file);
    expect((await first.acquire()).ok).toBe(true);
    const second = await new DaemonLock(file).acquire();
    expect(second).toMatchObject({ ok: false, error: { code: 'DAEMON.ALREADY_RUNNING', pid: process.pid } });
    first.release();
    expect(existsSync(file)).toBe(false);
    expect((await new DaemonLock(file).acquire()).ok).toBe(true);
  });

  it('takes over a lock whose process is gone', async () => {
    const file = join(dir, 'daemon.lock');
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid!;
    await new Promise((r) => child.on('exit', r));
    writeFileSync(file, JSON.stringify({ pid, startToken: 'x', startedAt: new Date().toISOString() }));
    expect((await new DaemonLock(file).acquire()).ok).toBe(true);
  });

  it('is not fooled by a recycled pid that now runs something else', async () => {
    const file = join(dir, 'daemon.lock');
    writeFileSync(file, JSON.stringify({ pid: process.pid, startToken: 'another-process-start', startedAt: new Date().toISOString() }));
    expect(await DaemonLock.owner(file)).toBeNull();
    expect((await new DaemonLock(file).acquire()).ok).toBe(true);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { whenUnixSocketAccepts } from './unix-socket-ready';

describe(whenUnixSocketAccepts.name, () => {
  let dir: string;
  const servers: Server[] = [];
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lp-ready-'))));
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
    rmSync(dir, { recursive: true, force: true });
  });
  const listenLater = (path: string, ms: number) =>
    setTimeout(() => {
      const s = createServer();
      servers.push(s);
      s.listen(path);
    }, ms);

  it('sees the socket as soon as it is made, without waiting for the poll', async () => {
    const path = join(dir, 'a.sock');
    listenLater(path, 100);
    const t0 = performance.now();
    // A one-minute poll: only the directory watch can make this resolve within the test's time.
    await whenUnixSocketAccepts(path, new AbortController().signal, 60_000);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });

  it('ignores other files in the directory and a file that is not a socket', async () => {
    const path = join(dir, 'b.sock');
    const stop = new AbortController();
    const waiting = whenUnixSocketAccepts(path, stop.signal, 20);
    writeFileSync(join(dir, 'other'), 'x');
    writeFileSync(path, 'not a socket');
    let settled = false;
    void waiting.then(() => (settled = true), () => (settled = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(settled).toBe(false);
    rmSync(path);
    listenLater(path, 0);
    await expect(waiting).resolves.toBeUndefined();
  });

  it('gives up when stopped', async () => {
    const stop = new AbortController();
    const waiting = whenUnixSocketAccepts(join(dir, 'never.sock'), stop.signal, 60_000);
    setTimeout(() => stop.abort(), 50);
    await expect(waiting).rejects.toThrow(/gave up waiting/);
  });
});

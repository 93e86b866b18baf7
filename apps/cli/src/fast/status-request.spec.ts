import { createServer, Server, Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requestStatus, statusResultOf } from './status-request';

const result = { daemon: { running: true, pid: 1 }, services: [{ name: 'a', state: 'running', extra: 1 }], clusters: [] };

describe(statusResultOf.name, () => {
  it('returns the raw result of a well-formed success reply to our id', () => {
    expect(statusResultOf(JSON.stringify({ v: 1, id: 'f1', ok: true, result }), 'f1')).toEqual(result);
  });

  it('refuses what the ControlClient would refuse', () => {
    const bad: unknown[] = [
      { v: 2, id: 'f1', ok: true, result },
      { v: 1, id: 'other', ok: true, result },
      { v: 1, id: 'f1', ok: true, result, more: 1 },
      { v: 1, id: 'f1', ok: false, error: { code: 'X', message: 'm' } },
      { v: 1, id: 'f1', ok: true, result: { ...result, daemon: { running: 'yes' } } },
      { v: 1, id: 'f1', ok: true, result: { ...result, services: [{ name: 'a' }] } },
      { v: 1, id: 'f1', ok: true, result: { ...result, clusters: [{}] } },
      { v: 1, id: 'f1', ok: true, result: { ...result, clusters: undefined } },
      [],
    ];
    for (const reply of bad) expect(statusResultOf(JSON.stringify(reply), 'f1')).toBeUndefined();
    expect(statusResultOf('{not json', 'f1')).toBeUndefined();
  });
});

describe(requestStatus.name, () => {
  let dir: string;
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lp-fast-'))));
  afterEach(async () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const serve = (onConnection: (s: Socket) => void) =>
    new Promise<string>((resolve) => {
      const path = join(dir, 's.sock');
      server = createServer((s) => {
        sockets.add(s);
        onConnection(s);
      }).listen(path, () => resolve(path));
    });

  it('sends the status request with the names and returns the result, even when it arrives in pieces', async () => {
    let request = '';
    const path = await serve((s) =>
      s.once('data', (d) => {
        request = d.toString();
        const reply = `${JSON.stringify({ v: 1, id: 'f1', ok: true, result })}\n`;
        s.write(reply.slice(0, 10));
        setImmediate(() => s.write(reply.slice(10)));
      }),
    );
    expect(await requestStatus(path, ['a'], 2_000)).toEqual(result);
    expect(JSON.parse(request)).toEqual({ v: 1, id: 'f1', method: 'status', params: { names: ['a'] } });
  });

  it('gives undefined when nothing listens or the peer closes without an answer', async () => {
    expect(await requestStatus(join(dir, 'none.sock'), [], 2_000)).toBeUndefined();
    const closing = await serve((s) => s.end());
    expect(await requestStatus(closing, [], 2_000)).toBeUndefined();
  });

  it('gives undefined when the daemon stays silent past the timeout', async () => {
    const path = await serve(() => undefined);
    expect(await requestStatus(path, [], 100)).toBeUndefined();
  });
});

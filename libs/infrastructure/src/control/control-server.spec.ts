import { RecordingLogger } from '@localport/application/testing';
import { unwrap } from '@localport/domain';
import { streamUntilClosed } from '@localport/testing/net';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createConnection, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ControlClient } from './control-client';
import { ControlContext } from './control-connection';
import { ControlHandler, ControlServer } from './control-server';

type Message = { v: number; id?: string | null; ok?: boolean; result?: unknown; error?: { code: string; message: string; details?: unknown }; event?: string };

/** A socket that speaks raw bytes to the server and collects the lines it gets back. */
class RawClient {
  readonly messages: Message[] = [];
  private waiter: { n: number; resolve: () => void } | null = null;
  private constructor(readonly socket: Socket) {
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const l of lines) this.messages.push(JSON.parse(l) as Message);
      if (this.waiter && this.messages.length >= this.waiter.n) this.waiter.resolve();
    });
  }
  static open(path: string): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = createConnection(path, () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }
  send(data: string | Buffer): void {
    this.socket.write(data);
  }
  /** Resolves with all messages once there are at least `n`. */
  async received(n: number): Promise<Message[]> {
    if (this.messages.length < n) await new Promise<void>((resolve) => (this.waiter = { n, resolve }));
    return this.messages;
  }
  ended(): Promise<void> {
    return new Promise((resolve) => (this.socket.closed ? resolve() : this.socket.once('close', () => resolve())));
  }
}

const ping = (id: string): string => `${JSON.stringify({ v: 1, id, method: 'ping', params: {} })}\n`;

describe(ControlServer.name, () => {
  let dir: string;
  let socketPath: string;
  let server: ControlServer;
  const raws: RawClient[] = [];
  const handler: ControlHandler = async (method) => (method === 'ping' ? { pid: 1, version: 't', uptimeSeconds: 0 } : {});

  const open = async (): Promise<RawClient> => {
    const raw = await RawClient.open(socketPath);
    raws.push(raw);
    return raw;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lpv-'));
    socketPath = join(dir, 'run', 'd.sock');
  });
  afterEach(async () => {
    for (const r of raws.splice(0)) r.socket.destroy();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('listens on a 0600 socket in a 0700 directory and removes it on close', async () => {
    server = new ControlServer(handler);
    unwrap(await server.listen(socketPath));
    expect((await stat(socketPath)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'run'))).mode & 0o777).toBe(0o700);
    await server.close();
    await expect(stat(socketPath)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses to listen where a live server already answers', async () => {
    server = new ControlServer(handler);
    unwrap(await server.listen(socketPath));
    const second = new ControlServer(handler);
    expect(await second.listen(socketPath)).toMatchObject({ ok: false, error: { code: 'DAEMON.ALREADY_RUNNING' } });
    const raw = await open();
    raw.send(ping('still-first'));
    expect((await raw.received(1))[0]).toMatchObject({ id: 'still-first', ok: true });
    expect((await stat(socketPath)).mode & 0o777).toBe(0o600);
  });

  it('answers malformed, hostile and invalid requests with error replies and keeps serving', async () => {
    server = new ControlServer(handler);
    unwrap(await server.listen(socketPath));
    const raw = await open();
    raw.send('this is not json\n');
    raw.send(Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x0a]));
    raw.send('[1,2,3]\n');
    raw.send(`${JSON.stringify({ id: 'no-version', method: 'ping', params: {} })}\n`);
    raw.send(`${JSON.stringify({ v: 2, id: 'v2', method: 'ping', params: {} })}\n`);
    raw.send(`${JSON.stringify({ v: 1, id: 'unknown', method: 'format-disk', params: {} })}\n`);
    raw.send(`${JSON.stringify({ v: 1, id: 'proto', method: 'toString', params: {} })}\n`);
    raw.send(`${JSON.stringify({ v: 1, id: 'params', method: 'status', params: { names: 'db' } })}\n`);
    raw.send(`{"v":1,"id":"pollute","method":"status","params":{"__proto__":{"admin":true}}}\n`);
    raw.send(`${JSON.stringify({ v: 1, id: 'extra', method: 'ping', params: {}, sudo: true })}\n`);
    raw.send(`${'['.repeat(100_000)}\n`);
    raw.send('\n   \n');
    raw.send(ping('after'));
    const replies = await raw.received(12);
    // Replies to requests without a readable id come in order; the others are matched by id.
    expect(replies.filter((r) => r.id === null).map((r) => r.error?.code)).toEqual(Array(4).fill('CONTROL.BAD_REQUEST'));
    const byId = Object.fromEntries(replies.filter((r) => r.id !== null).map((r) => [r.id, r.error?.code ?? 'ok']));
    expect(byId).toEqual({
      'no-version': 'CONTROL.BAD_REQUEST',
      v2: 'CONTROL.UNSUPPORTED_VERSION',
      unknown: 'CONTROL.UNKNOWN_METHOD',
      proto: 'CONTROL.UNKNOWN_METHOD',
      params: 'CONTROL.INVALID_PARAMS',
      pollute: 'CONTROL.INVALID_PARAMS',
      extra: 'CONTROL.BAD_REQUEST',
      after: 'ok',
    });
    expect(replies[replies.length - 1].id).toBe('after');
    expect(replies.every((r) => r.v === 1)).toBe(true);
    expect(replies.find((r) => r.id === 'params')?.error?.details).toEqual({ issues: [expect.objectContaining({ path: 'names' })] });
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
  });

  it('rejects a line over 1 MiB with one error reply, then serves the same connection', async () => {
    server = new ControlServer(handler);
    unwrap(await server.listen(socketPath));
    const raw = await open();
    const big = `{"v":1,"id":"big","method":"status","params":{"names":["${'x'.repeat(1024 * 1024)}"]}}\n`;
    raw.send(big);
    raw.send(ping('next'));
    const replies = await raw.received(2);
    expect(replies.map((r) => [r.id, r.error?.code ?? 'ok'])).toEqual([
      [null, 'CONTROL.LINE_TOO_LONG'],
      ['next', 'ok'],
    ]);
  });

  it('closes a connection whose oversized line runs past maxSkippedLineBytes, after its error reply', async () => {
    server = new ControlServer(handler, { maxLineBytes: 1024, maxSkippedLineBytes: 64 * 1024 });
    unwrap(await server.listen(socketPath));
    const raw = await open();
    const ended = raw.ended();
    // Streams a line with no newline until the server hangs up (or 8 MiB have gone, which fails below).
    const sent = await streamUntilClosed(raw.socket, Buffer.alloc(16 * 1024, 0x61), 8 * 1024 * 1024);
    await ended;
    expect(sent).toBeLessThan(8 * 1024 * 1024);
    expect(raw.messages.map((m) => [m.id, m.error?.code])).toEqual([[null, 'CONTROL.LINE_TOO_LONG']]);
    const other = await open();
    other.send(ping('still'));
    expect((await other.received(1))[0]).toMatchObject({ id: 'still', ok: true });
  });

  it('answers thousands of requests sent at once, matching every id', async () => {
    server = new ControlServer(handler);
    unwrap(await server.listen(socketPath));
    const raw = await open();
    const count = 5_000;
    let batch = '';
    for (let i = 0; i < count; i++) batch += i % 10 === 0 ? '{broken\n' : ping(`r${i}`);
    raw.send(batch);
    const replies = await raw.received(count);
    const ok = replies.filter((r) => r.ok).map((r) => r.id);
    expect(ok).toHaveLength(count - count / 10);
    expect(new Set(ok).size).toBe(ok.length);
    expect(replies.filter((r) => r.error?.code === 'CONTROL.BAD_REQUEST')).toHaveLength(count / 10);
  });

  it('survives a client that disconnects mid-request, and runs its close handlers', async () => {
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let closedConnections = 0;
    let entered = (): void => undefined;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    server = new ControlServer(async (method, _params, ctx: ControlContext) => {
      if (method !== 'reload') return { pid: 1, version: 't', uptimeSeconds: 0 };
      ctx.onClose(() => closedConnections++);
      entered();
      await released;
      ctx.send('late', {});
      return { applied: true, actions: [] };
    });
    unwrap(await server.listen(socketPath));
    const leaving = await open();
    leaving.send(`${JSON.stringify({ v: 1, id: 'r', method: 'reload', params: {} })}\n`);
    await inHandler;
    leaving.socket.destroy();
    await leaving.ended();
    release();
    const client = unwrap(await ControlClient.connect(socketPath));
    expect((await client.request('ping', {})).ok).toBe(true);
    client.close();
    await client.closed;
    expect(closedConnections).toBe(1);
  });

  it('logs a handler failure that has no code', async () => {
    const logger = new RecordingLogger();
    server = new ControlServer(async () => {
      throw new TypeError('x is undefined');
    }, { logger });
    unwrap(await server.listen(socketPath));
    const raw = await open();
    raw.send(ping('p'));
    expect((await raw.received(1))[0].error).toEqual({ code: 'INTERNAL', message: 'x is undefined' });
    expect(logger.messages('warn')).toEqual(['control handler failed']);
  });

  it('checks results against their schema unless told not to (the daemon: its clients check them)', async () => {
    const wrong: ControlHandler = async () => ({ pid: 'not a number' });
    for (const [checkResults, expected] of [[undefined, false], [false, true]] as const) {
      server = new ControlServer(wrong, checkResults === undefined ? {} : { checkResults });
      unwrap(await server.listen(socketPath));
      const raw = await open();
      raw.send(ping(`p-${String(checkResults)}`));
      const [reply] = await raw.received(1);
      expect({ checkResults, ok: reply.ok, code: (reply.error as { code?: string } | undefined)?.code }).toEqual({ checkResults, ok: expected, code: expected ? undefined : 'INTERNAL' });
      raw.socket.destroy();
      await server.close();
    }
  });

  it('flushes a reply before close ends the connections', async () => {
    server = new ControlServer(async (method) => {
      if (method === 'shutdown') setImmediate(() => void server.close());
      return {};
    });
    unwrap(await server.listen(socketPath));
    const raw = await open();
    const other = await open();
    raw.send(`${JSON.stringify({ v: 1, id: 's', method: 'shutdown', params: {} })}\n`);
    expect((await raw.received(1))[0]).toEqual({ v: 1, id: 's', ok: true, result: {} });
    await Promise.all([raw.ended(), other.ended()]);
  });
});

import { StatusReport } from '@localport/application';
import { unwrap } from '@localport/domain';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ControlClient } from './control-client';
import { ControlContext } from './control-connection';
import { ControlHandlers, routeControl } from './control-router';
import { ControlServer } from './control-server';
import { ControlError } from './control.errors';
import { ControlEvent } from './control-protocol';

const report: StatusReport = {
  daemon: { running: true, pid: 123, uptimeSeconds: 12.5, version: '0.1.0', configPath: '/abs/localport.yaml' },
  services: [
    {
      name: 'postgres', technology: 'kubectl', localPort: 5432, bindAddress: '127.0.0.1', target: 'service/postgres:5432', state: 'running',
      healthy: true, restarts: 0, lastError: null, lastErrorCode: null, context: 'my-ctx', host: null, since: '2026-11-28T01:02:03.000Z', tags: [], pid: 77,
      connections: { total: 1, active: 0, bytesIn: 10, bytesOut: 20 }, nextRestartAt: null,
    },
  ],
  clusters: [],
};

/** A daemon stand-in: answers every method with canned data and records what it was asked. */
function fakeDaemon(calls: Array<{ method: string; params: unknown }>, extra: Partial<ControlHandlers> = {}): ControlHandlers {
  const record = <P>(method: string, params: P): void => void calls.push({ method, params });
  const results = (names: readonly string[] | undefined) => ({ results: (names ?? ['all']).map((name) => ({ name, ok: name !== 'bad', ...(name === 'bad' ? { error: { code: 'SERVICE.NOT_FOUND', message: 'unknown service bad' } } : {}) })) });
  return {
    ping: async (p) => (record('ping', p), { pid: process.pid, version: '0.1.0', uptimeSeconds: 1.5 }),
    status: async (p) => (record('status', p), report),
    start: async (p) => (record('start', p), results(p.names)),
    stop: async (p) => (record('stop', p), results(p.names)),
    restart: async (p) => (record('restart', p), results(p.names)),
    reload: async (p) => (record('reload', p), { applied: false, actions: [], error: { code: 'CONFIG.INVALID', message: 'bad port', problems: [{ field: 'services.0.local_port', message: 'too big' }] } }),
    shutdown: async (p) => (record('shutdown', p), {}),
    'logs.flush': async (p) => (record('logs.flush', p), {}),
    subscribe: async (p, ctx: ControlContext) => {
      record('subscribe', p);
      ctx.send('snapshot', { services: 1 });
      return {};
    },
    events: async (p) => (record('events', p), { events: [{ seq: 1, at: '2026-11-28T01:02:03.000Z', kind: 'service.state', subject: 'postgres', message: 'starting -> running', data: {} }] }),
    'cluster.status': async (p) => (record('cluster.status', p), { clusters: [] }),
    'cluster.events': async (p) => (record('cluster.events', p), { events: [{ context: 'c', namespace: 'ns', type: 'Warning', reason: 'BackOff', message: 'm', object: { kind: 'Pod', name: 'p' }, count: 1, lastSeen: 0 }] }),
    'cluster.pods': async (p) => (record('cluster.pods', p), { pods: [{ kind: 'Pod', name: 'p', namespace: 'ns', phase: 'Running', ready: true, restartCount: 0 }] }),
    'cluster.nodes': async (p) => (record('cluster.nodes', p), { nodes: [] }),
    ...extra,
  };
}

describe(ControlClient.name, () => {
  let dir: string;
  let socketPath: string;
  let server: ControlServer;
  let calls: Array<{ method: string; params: unknown }>;
  const clients: ControlClient[] = [];

  const start = async (extra: Partial<ControlHandlers> = {}): Promise<void> => {
    server = new ControlServer(routeControl(fakeDaemon(calls, extra)));
    unwrap(await server.listen(socketPath));
  };
  const connect = async (): Promise<ControlClient> => {
    const client = unwrap(await ControlClient.connect(socketPath));
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lpc-'));
    socketPath = join(dir, 'run', 'd.sock');
    calls = [];
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips every method with validated params and results', async () => {
    await start();
    const client = await connect();
    expect(unwrap(await client.request('ping', {}))).toEqual({ pid: process.pid, version: '0.1.0', uptimeSeconds: 1.5 });
    expect(unwrap(await client.request('status', { names: ['postgres'] }))).toEqual(report);
    expect(unwrap(await client.request('start', { names: ['db', 'bad'], tags: ['x'] })).results).toEqual([
      { name: 'db', ok: true },
      { name: 'bad', ok: false, error: { code: 'SERVICE.NOT_FOUND', message: 'unknown service bad' } },
    ]);
    expect(unwrap(await client.request('stop', { all: true })).results).toEqual([{ name: 'all', ok: true }]);
    expect(unwrap(await client.request('restart', { names: ['db'] })).results).toEqual([{ name: 'db', ok: true }]);
    expect(unwrap(await client.request('reload', {}))).toMatchObject({ applied: false, error: { code: 'CONFIG.INVALID', problems: [{ field: 'services.0.local_port' }] } });
    expect(unwrap(await client.request('cluster.status', { context: 'c' }))).toEqual({ clusters: [] });
    expect(unwrap(await client.request('cluster.events', { context: 'c', sinceSeconds: 60, limit: 5 })).events[0].reason).toBe('BackOff');
    expect(unwrap(await client.request('cluster.pods', {})).pods[0].name).toBe('p');
    expect(unwrap(await client.request('cluster.nodes', { context: 'c' }))).toEqual({ nodes: [] });
    expect(unwrap(await client.request('logs.flush', {}))).toEqual({});
    expect(unwrap(await client.request('shutdown', {}))).toEqual({});
    expect(calls).toEqual([
      { method: 'ping', params: {} },
      { method: 'status', params: { names: ['postgres'] } },
      { method: 'start', params: { names: ['db', 'bad'], tags: ['x'] } },
      { method: 'stop', params: { all: true } },
      { method: 'restart', params: { names: ['db'] } },
      { method: 'reload', params: {} },
      { method: 'cluster.status', params: { context: 'c' } },
      { method: 'cluster.events', params: { context: 'c', sinceSeconds: 60, limit: 5 } },
      { method: 'cluster.pods', params: {} },
      { method: 'cluster.nodes', params: { context: 'c' } },
      { method: 'logs.flush', params: {} },
      { method: 'shutdown', params: {} },
    ]);
  });

  it('multiplexes concurrent requests on one connection', async () => {
    await start({ ping: async () => ({ pid: 1, version: 'v', uptimeSeconds: Math.random() }) });
    const client = await connect();
    const replies = await Promise.all(Array.from({ length: 200 }, (_, i) => client.request(i % 2 ? 'ping' : 'status', {})));
    expect(replies.every((r) => r.ok)).toBe(true);
    expect(replies.filter((r) => r.ok && 'services' in r.value)).toHaveLength(100);
  });

  it('maps handler errors: a string code (with details) crosses the wire, anything else is INTERNAL', async () => {
    await start({
      status: async () => {
        throw new ControlError('SERVICE.NOT_FOUND', "unknown service 'nope'", { names: ['nope'] });
      },
      ping: async () => {
        throw new Error('boom');
      },
      restart: async () => {
        throw 'a bare string';
      },
      stop: async () => ({ results: 'not an array' }) as never,
    });
    const client = await connect();
    expect(await client.request('status', { names: ['nope'] })).toMatchObject({ ok: false, error: { code: 'SERVICE.NOT_FOUND', message: "unknown service 'nope'", details: { names: ['nope'] } } });
    expect(await client.request('ping', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
    expect(await client.request('restart', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await client.request('stop', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'invalid stop result' } });
    const failed = await client.request('ping', {});
    expect(!failed.ok && failed.error).toBeInstanceOf(ControlError);
  });

  it('rejects invalid params before sending them', async () => {
    await start();
    const client = await connect();
    const reply = await client.request('status', { names: [42] } as never);
    expect(reply).toMatchObject({ ok: false, error: { code: 'CONTROL.INVALID_PARAMS' } });
    expect(calls).toEqual([]);
    expect((await client.request('ping', {})).ok).toBe(true);
  });

  it('streams events to a subscriber, filtered by name or prefix, and none to other connections', async () => {
    await start();
    const watcher = await connect();
    const bystander = await connect();
    const received: ControlEvent[] = [];
    let third = (): void => undefined;
    const gotThree = new Promise<void>((resolve) => (third = resolve));
    const onEvent = (e: ControlEvent): void => {
      if (received.push(e) === 3) third();
    };
    expect(unwrap(await watcher.subscribe(['service.*', 'snapshot'], onEvent))).toBeUndefined();
    await bystander.request('ping', {});
    // Two connections are open; only the subscribed one gets the event, and only events it asked for.
    expect(server.publish('service.state', { name: 'db', state: 'running' })).toBe(1);
    expect(server.publish('cluster.health', { context: 'c' })).toBe(0);
    expect(server.publish('service.restarted', { name: 'db' })).toBe(1);
    await gotThree;
    expect(received.map((e) => [e.event, e.data])).toEqual([
      ['snapshot', { services: 1 }],
      ['service.state', { name: 'db', state: 'running' }],
      ['service.restarted', { name: 'db' }],
    ]);
    expect(received.every((e) => e.v === 1 && !Number.isNaN(Date.parse(e.at)))).toBe(true);
    expect(calls.filter((c) => c.method === 'subscribe')).toEqual([{ method: 'subscribe', params: { events: ['service.*', 'snapshot'] } }]);
  });

  it('reports DAEMON.NOT_RUNNING when there is no socket or nothing listens on it', async () => {
    expect(await ControlClient.connect(join(dir, 'none.sock'))).toMatchObject({ ok: false, error: { code: 'DAEMON.NOT_RUNNING' } });
    await start();
    await server.close();
    expect(await ControlClient.connect(socketPath)).toMatchObject({ ok: false, error: { code: 'DAEMON.NOT_RUNNING' } });
  });

  it('fails a request that gets no answer in time with CONTROL.TIMEOUT, and stays usable', async () => {
    let release = (): void => undefined;
    await start({ reload: () => new Promise((resolve) => (release = () => resolve({ applied: true, actions: [] }))) });
    const client = await connect();
    expect(await client.request('reload', {}, { timeoutMs: 50 })).toMatchObject({ ok: false, error: { code: 'CONTROL.TIMEOUT' } });
    release();
    expect((await client.request('ping', {})).ok).toBe(true);
  });

  it('fails pending requests with DAEMON.UNREACHABLE when the daemon goes away', async () => {
    await start({ reload: () => new Promise(() => undefined) });
    const client = await connect();
    const pending = client.request('reload', {});
    await client.request('ping', {});
    await server.close();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'DAEMON.UNREACHABLE' } });
    await client.closed;
    expect(await client.request('ping', {})).toMatchObject({ ok: false, error: { code: 'DAEMON.UNREACHABLE' } });
  });

  it('answers status in a few milliseconds', async () => {
    await start();
    const client = await connect();
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      unwrap(await client.request('status', {}));
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const median = times[150];
    const p95 = times[285];
    const fresh: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      const once = unwrap(await ControlClient.connect(socketPath));
      unwrap(await once.request('status', {}));
      fresh.push(performance.now() - t0);
      once.close();
      await once.closed;
    }
    fresh.sort((a, b) => a - b);
    console.log(`status round trip: median ${median.toFixed(3)} ms, p95 ${p95.toFixed(3)} ms; connect + status: median ${fresh[25].toFixed(3)} ms`);
    expect(median).toBeLessThan(10);
    expect(fresh[25]).toBeLessThan(20);
  });
});

describe('ControlClient against a misbehaving daemon', () => {
  let dir: string;
  let raw: Server;
  let socketPath: string;
  const serve = async (answer: (request: { id: string; method: string }, socket: Socket) => void): Promise<void> => {
    raw = createServer((socket) => {
      socket.on('data', (chunk) => {
        for (const line of chunk.toString().split('\n').filter(Boolean)) answer(JSON.parse(line) as { id: string; method: string }, socket);
      });
    });
    await new Promise<void>((resolve) => raw.listen(socketPath, resolve));
  };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lpc-'));
    socketPath = join(dir, 'd.sock');
  });
  afterEach(async () => {
    await new Promise((resolve) => raw.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('rejects a result that does not match the method schema', async () => {
    await serve((req, s) => s.write(`${JSON.stringify({ v: 1, id: req.id, ok: true, result: { daemon: { running: 'yes' }, services: [] } })}\n`));
    const client = unwrap(await ControlClient.connect(socketPath));
    expect(await client.request('status', {})).toMatchObject({ ok: false, error: { code: 'CONTROL.INVALID_REPLY' } });
    client.close();
    await client.closed;
  });

  it('rejects a malformed envelope or a non-JSON line and fails what was pending', async () => {
    await serve((req, s) => s.write(req.method === 'ping' ? `${JSON.stringify({ v: 2, id: req.id, ok: true, result: {} })}\n` : 'garbage\n'));
    const first = unwrap(await ControlClient.connect(socketPath));
    expect(await first.request('ping', {})).toMatchObject({ ok: false, error: { code: 'CONTROL.INVALID_REPLY' } });
    await first.closed;
    const second = unwrap(await ControlClient.connect(socketPath));
    expect(await second.request('status', {})).toMatchObject({ ok: false, error: { code: 'CONTROL.INVALID_REPLY' } });
    await second.closed;
  });

  it('keeps loose payloads: extra fields in a result are passed through', async () => {
    await serve((req, s) => s.write(`${JSON.stringify({ v: 1, id: req.id, ok: true, result: { pid: 1, version: 'v', uptimeSeconds: 0, extra: { a: 1 } } })}\n`));
    const client = unwrap(await ControlClient.connect(socketPath));
    expect(unwrap(await client.request('ping', {}))).toEqual({ pid: 1, version: 'v', uptimeSeconds: 0, extra: { a: 1 } });
    client.close();
    await client.closed;
  });
});

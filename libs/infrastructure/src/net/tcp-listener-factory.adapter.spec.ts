import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ForwardListener } from '@localport/application';
import { unwrap } from '@localport/domain';
import { collect, connectTcp, ControlledUpstream, exchange, freePort, startStreamServer, StreamServerMode, StreamTestServer, waitUntil } from '@localport/testing/loopback';
import { TcpListenerFactory } from './tcp-listener-factory.adapter';

describe(TcpListenerFactory.name, () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function echo(options: { mode?: StreamServerMode; path?: string } = {}): Promise<StreamTestServer> {
    const server = await startStreamServer(options);
    cleanups.push(() => server.stop());
    return server;
  }

  async function relay(upstream: ControlledUpstream, connectTimeoutMs = 5_000): Promise<ForwardListener> {
    const listener = unwrap(await new TcpListenerFactory().listen({ address: '127.0.0.1', port: 0 }, upstream, { connectTimeoutMs }));
    cleanups.push(() => listener.close());
    return listener;
  }

  // The client may see its close a moment before the relay's own two sockets finish closing.
  const settled = (listener: ForwardListener) => waitUntil(() => listener.stats().connectionsActive === 0, 5_000, 'relay settled');

  it('relays a TCP round trip to a TCP upstream and counts it', async () => {
    const server = await echo();
    const listener = await relay(new ControlledUpstream(server.endpoint));

    const outcome = await exchange(listener.port, 'hello relay');

    expect(outcome).toEqual({ received: Buffer.from('hello relay'), ended: true, errorCode: undefined });
    await settled(listener);
    expect(listener.stats()).toEqual({ connectionsTotal: 1, connectionsActive: 0, bytesIn: 11, bytesOut: 11, dialFailures: 0 });
  });

  it('relays to a Unix-socket upstream', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lp-relay-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const server = await echo({ path: join(dir, 'upstream.sock') });
    const listener = await relay(new ControlledUpstream(server.endpoint));

    expect((await exchange(listener.port, 'over unix')).received.toString()).toBe('over unix');
    expect(server.endpoint.kind).toBe('unix');
  });

  it('keeps a 32 MB payload intact and forwards the half-close that ends it', async () => {
    const server = await echo({ mode: 'digest' });
    const listener = await relay(new ControlledUpstream(server.endpoint));
    const payload = randomBytes(32 * 1024 * 1024);

    const outcome = await exchange(listener.port, payload);

    // The digest server answers only after the client's FIN reached it through the relay.
    expect(outcome.received.toString()).toBe(`${createHash('sha256').update(payload).digest('hex')} ${payload.length}\n`);
    await settled(listener);
    expect(listener.stats()).toMatchObject({ bytesIn: payload.length, bytesOut: outcome.received.length });
  });

  it('keeps the other direction open after a client half-close', async () => {
    const server = await echo();
    const listener = await relay(new ControlledUpstream(server.endpoint));
    const socket = await connectTcp(listener.port);
    const outcome = collect(socket);

    socket.write('first ');
    socket.end('second');

    expect((await outcome).received.toString()).toBe('first second');
    expect((await outcome).ended).toBe(true);
  });

  it('serves 200 parallel connections, each with its own data', async () => {
    const server = await echo();
    const listener = await relay(new ControlledUpstream(server.endpoint));

    const payloads = Array.from({ length: 200 }, (_, i) => `connection ${i} `.repeat(50));
    const outcomes = await Promise.all(payloads.map((p) => exchange(listener.port, p)));

    expect(outcomes.map((o) => o.received.toString())).toEqual(payloads);
    await settled(listener);
    expect(listener.stats()).toMatchObject({ connectionsTotal: 200, connectionsActive: 0 });
    expect(server.accepted()).toBe(200);
  });

  it('holds a client until an upstream becomes available, losing none of its early bytes', async () => {
    const server = await echo();
    const upstream = new ControlledUpstream(null);
    const listener = await relay(upstream);
    const waiting = upstream.nextAcquire();
    const socket = await connectTcp(listener.port);
    const outcome = collect(socket);
    socket.end('sent before the upstream existed');

    await waiting;
    expect(listener.stats().connectionsActive).toBe(1);
    upstream.set(server.endpoint);

    expect((await outcome).received.toString()).toBe('sent before the upstream existed');
  });

  it('closes the client when no upstream shows up within the connect timeout', async () => {
    const upstream = new ControlledUpstream(null);
    const listener = await relay(upstream, 150);
    const socket = await connectTcp(listener.port);

    const outcome = await collect(socket);

    expect(outcome.received.length).toBe(0);
    expect(outcome.errorCode).toBe('ECONNRESET');
    expect(upstream.acquires).toEqual([expect.any(Number)]);
    expect(upstream.acquires[0]).toBeLessThanOrEqual(150);
    await settled(listener);
    expect(listener.stats()).toMatchObject({ connectionsTotal: 1, connectionsActive: 0, dialFailures: 0 });
  });

  it('reports a failed dial, retries once, then closes the client', async () => {
    const dead = { kind: 'tcp' as const, host: '127.0.0.1', port: await freePort() };
    const upstream = new ControlledUpstream(dead);
    const listener = await relay(upstream);
    const socket = await connectTcp(listener.port);

    const outcome = await collect(socket);

    expect(outcome.errorCode).toBe('ECONNRESET');
    expect(upstream.dialFailures).toEqual([
      { endpoint: dead, message: expect.stringContaining('ECONNREFUSED') },
      { endpoint: dead, message: expect.stringContaining('ECONNREFUSED') },
    ]);
    expect(upstream.acquires).toHaveLength(2);
    expect(listener.stats().dialFailures).toBe(2);
  });

  it('retries on the endpoint the source hands out after a dial failure', async () => {
    const server = await echo();
    const upstream = new ControlledUpstream({ kind: 'tcp', host: '127.0.0.1', port: await freePort() });
    upstream.onDialFailure = () => upstream.set(server.endpoint);
    const listener = await relay(upstream);

    expect((await exchange(listener.port, 'second try')).received.toString()).toBe('second try');
    expect(listener.stats()).toMatchObject({ dialFailures: 1, connectionsTotal: 1 });
  });

  it('passes an upstream FIN on as a FIN and an upstream reset on as a reset', async () => {
    const closing = await echo({ mode: 'close' });
    const resetting = await echo({ mode: 'reset' });
    const viaClosing = await relay(new ControlledUpstream(closing.endpoint));
    const viaResetting = await relay(new ControlledUpstream(resetting.endpoint));

    const cleanSocket = await connectTcp(viaClosing.port);
    cleanSocket.once('end', () => cleanSocket.end());
    const clean = await collect(cleanSocket);
    const reset = await collect(await connectTcp(viaResetting.port));

    expect(clean).toMatchObject({ ended: true, errorCode: undefined });
    expect(reset).toMatchObject({ ended: false, errorCode: 'ECONNRESET' });
    // A reset before any answer is retried once (see below); the second one reaches the client.
    expect(resetting.accepted()).toBe(2);
  });

  it('retries once on an upstream that resets before answering, replaying what the client sent', async () => {
    const dying = await echo({ mode: 'reset-once' });
    const listener = await relay(new ControlledUpstream(dying.endpoint));
    const socket = await connectTcp(listener.port);
    const outcome = collect(socket);
    socket.write('sent to a dying tunnel');
    await waitUntil(() => dying.accepted() === 2, 5_000, 'second upstream connection');
    socket.end(', then more');

    expect((await outcome)).toMatchObject({ received: Buffer.from('sent to a dying tunnel, then more'), ended: true, errorCode: undefined });
    await settled(listener);
    expect(listener.stats()).toMatchObject({ connectionsTotal: 1, bytesIn: 33, bytesOut: 33, dialFailures: 0 });
  });

  it('passes a reset on once the upstream has answered: nothing is replayed', async () => {
    const server = await echo({ mode: 'answer-then-reset' });
    const listener = await relay(new ControlledUpstream(server.endpoint));

    const socket = await connectTcp(listener.port);
    const pending = collect(socket);
    socket.write('answered');
    await new Promise((resolve) => socket.once('data', resolve));
    socket.write('then reset');
    const outcome = await pending;

    expect(outcome).toMatchObject({ received: Buffer.from('answered'), errorCode: 'ECONNRESET' });
    expect(server.accepted()).toBe(1);
  });

  it('drops relayed connections on request but keeps listening', async () => {
    const server = await echo();
    const listener = await relay(new ControlledUpstream(server.endpoint));
    const socket = await connectTcp(listener.port);
    const outcome = collect(socket);
    socket.write('ping');
    await new Promise((resolve) => socket.once('data', resolve));

    listener.dropConnections();

    expect((await outcome).errorCode).toBe('ECONNRESET');
    expect((await exchange(listener.port, 'still here')).received.toString()).toBe('still here');
  });

  it('counts live bytes and active connections while a connection is open', async () => {
    const server = await echo();
    const listener = await relay(new ControlledUpstream(server.endpoint));
    const socket = await connectTcp(listener.port);
    const outcome = collect(socket);
    socket.write('12345');
    await new Promise((resolve) => socket.once('data', resolve));

    expect(listener.stats()).toEqual({ connectionsTotal: 1, connectionsActive: 1, bytesIn: 5, bytesOut: 5, dialFailures: 0 });
    socket.end();
    await outcome;
  });
});

import { StreamEndpoint, UpstreamStream } from '@localport/application';
import { unwrap } from '@localport/domain';
import { connectTcp, ControlledUpstream, exchange, startStreamServer, StreamTestServer, waitUntil } from '@localport/testing/loopback';
import { ForwardListener } from '@localport/application';
import { TcpListenerFactory } from './tcp-listener-factory.adapter';

describe('relay to an in-process stream endpoint', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function relay(upstream: ControlledUpstream): Promise<ForwardListener> {
    const listener = unwrap(await new TcpListenerFactory().listen({ address: '127.0.0.1', port: 0 }, upstream, { connectTimeoutMs: 2_000 }));
    cleanups.push(() => listener.close());
    return listener;
  }

  async function echo(): Promise<StreamTestServer> {
    const server = await startStreamServer({ mode: 'echo' });
    cleanups.push(() => server.stop());
    return server;
  }

  it('pipes through the stream the endpoint opens, half-close and counters included', async () => {
    const server = await echo();
    const opened: number[] = [];
    const endpoint: StreamEndpoint = {
      kind: 'stream',
      label: 'in-process test',
      // A socket is the simplest Duplex with bytesRead; what matters is that the relay never dials anything itself.
      open: async (timeoutMs) => {
        opened.push(timeoutMs);
        if (server.endpoint.kind !== 'tcp') throw new Error('tcp expected');
        return (await connectTcp(server.endpoint.port)) as unknown as UpstreamStream;
      },
    };
    const listener = await relay(new ControlledUpstream(endpoint));
    expect(await exchange(listener.port, 'via a stream')).toEqual({ received: Buffer.from('via a stream'), ended: true, errorCode: undefined });
    await waitUntil(() => listener.stats().connectionsActive === 0, 5_000, 'relay settled');
    expect(listener.stats()).toMatchObject({ connectionsTotal: 1, bytesIn: 12, bytesOut: 12, dialFailures: 0 });
    expect(opened).toHaveLength(1);
    expect(opened[0]).toBeGreaterThan(0);
    expect(opened[0]).toBeLessThanOrEqual(2_000);
  });

  it('counts and reports a stream that cannot be opened, then closes the client', async () => {
    const endpoint: StreamEndpoint = { kind: 'stream', label: 'broken', open: () => Promise.reject(new Error('no Ready pod for deployment/web')) };
    const upstream = new ControlledUpstream(endpoint);
    const listener = await relay(upstream);
    // The reset may arrive before the client even sees its connect.
    const outcome = await exchange(listener.port, 'hello').catch((e: NodeJS.ErrnoException) => ({ received: Buffer.alloc(0), errorCode: e.code }));
    expect(outcome.received.length).toBe(0);
    await waitUntil(() => upstream.dialFailures.length === 2, 5_000, 'both dials reported');
    expect(upstream.dialFailures).toEqual([
      { endpoint, message: 'no Ready pod for deployment/web' },
      { endpoint, message: 'no Ready pod for deployment/web' },
    ]);
    expect(listener.stats().dialFailures).toBe(2);
  });
});

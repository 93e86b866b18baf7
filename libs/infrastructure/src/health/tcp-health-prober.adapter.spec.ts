import { DEFAULT_HEALTH_TIMING, TcpCheck, unwrap } from '@localport/domain';
import { ControlledUpstream, freePort, startStreamServer, StreamServerMode } from '@localport/testing/loopback';
import { TcpListenerFactory } from '../net/tcp-listener-factory.adapter';
import { TcpHealthProber } from './tcp-health-prober.adapter';

const spec = (over: Partial<TcpCheck> = {}): TcpCheck => ({ type: 'tcp', ...DEFAULT_HEALTH_TIMING, timeoutMs: 2_000, ...over });
const live = () => new AbortController().signal;

describe(TcpHealthProber.name, () => {
  const prober = new TcpHealthProber();

  async function serverIn(mode: StreamServerMode) {
    const server = await startStreamServer({ mode });
    if (server.endpoint.kind !== 'tcp') throw new Error('tcp expected');
    return { ...server.endpoint, stop: server.stop };
  }

  it('is healthy when the port accepts and keeps the connection', async () => {
    const server = await serverIn('echo');
    try {
      expect(await prober.check(spec(), { host: server.host, port: server.port }, live())).toEqual({ ok: true, value: undefined });
    } finally {
      await server.stop();
    }
  });

  it("prefers the spec's own host and port over the target", async () => {
    const server = await serverIn('echo');
    try {
      const result = await prober.check(spec({ host: '127.0.0.1', port: server.port }), { host: '127.0.0.1', port: await freePort() }, live());
      expect(result.ok).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it.each<[StreamServerMode, string]>([
    ['close', 'then closed it'],
    ['reset', 'then reset it'],
  ])('fails when the far side accepts and at once %ss', async (mode, words) => {
    const server = await serverIn(mode);
    try {
      const result = await prober.check(spec(), { host: server.host, port: server.port }, live());
      expect(result).toMatchObject({ ok: false, error: { code: 'HEALTH.FAILED', message: expect.stringContaining(words) } });
    } finally {
      await server.stop();
    }
  });

  it('sees through our own relay: healthy with a live upstream, failing when the upstream is dead', async () => {
    const server = await serverIn('echo');
    const upstream = new ControlledUpstream({ kind: 'tcp', host: server.host, port: server.port });
    const listener = unwrap(await new TcpListenerFactory().listen({ address: '127.0.0.1', port: 0 }, upstream, { connectTimeoutMs: 1_000 }));
    try {
      const target = { host: '127.0.0.1', port: listener.port };
      expect((await prober.check(spec(), target, live())).ok).toBe(true);

      await server.stop();
      const result = await prober.check(spec(), target, live());

      expect(result).toMatchObject({ ok: false, error: { code: 'HEALTH.FAILED' } });
      expect(upstream.dialFailures.length).toBeGreaterThanOrEqual(1);
    } finally {
      await listener.close();
    }
  });

  describe('aimed at its own listener, in-process', () => {
    type Relay = Awaited<ReturnType<typeof relayTo>>;

    async function relayTo(mode: StreamServerMode) {
      const server = await startStreamServer({ mode });
      const upstream = new ControlledUpstream(server.endpoint);
      const listener = unwrap(await new TcpListenerFactory().listen({ address: '127.0.0.1', port: 0 }, upstream, { connectTimeoutMs: 1_000 }));
      return { server, upstream, listener, target: { host: '127.0.0.1', port: listener.port, listener } };
    }

    /** Runs `test` against a listener relaying to a server in `mode`, and closes both after. */
    async function withRelay(mode: StreamServerMode, test: (r: Relay) => Promise<void>): Promise<void> {
      const r = await relayTo(mode);
      try {
        await test(r);
      } finally {
        r.upstream.release();
        await Promise.all([r.listener.close(), r.server.stop()]);
      }
    }

    it('reaches the upstream through the listener without a connection to the port', () =>
      withRelay('echo', async (r) => {
        expect(await prober.check(spec(), r.target, live())).toEqual({ ok: true, value: undefined });
        expect(r.server.accepted()).toBe(1);
        expect(r.listener.stats().connectionsTotal).toBe(0);
      }));

    // A reset can land while the listener's dialer is still connecting: the dial then fails as reset.
    it.each<[StreamServerMode, RegExp]>([
      ['close', /accepted the connection, then closed it/],
      ['reset', /accepted the connection, then reset it|no working tunnel behind it: .*ECONNRESET/],
    ])('fails when the upstream accepts and at once %ss, naming the local port', (mode, words) =>
      withRelay(mode, async (r) => {
        const result = await prober.check(spec(), r.target, live());
        expect(result).toMatchObject({ ok: false, error: { code: 'HEALTH.FAILED', message: expect.stringMatching(words) } });
        expect(result.ok || result.error.message).toContain(`127.0.0.1:${r.listener.port}`);
      }));

    it('fails and reports the dial failure when nothing listens upstream any more', () =>
      withRelay('echo', async (r) => {
        await r.server.stop();
        const result = await prober.check(spec(), r.target, live());
        expect(result).toMatchObject({ ok: false, error: { code: 'HEALTH.FAILED', message: expect.stringContaining(`127.0.0.1:${r.listener.port} has no working tunnel behind it`) } });
        expect(r.upstream.dialFailures).toHaveLength(1);
        expect(r.listener.stats().dialFailures).toBe(1);
      }));

    it('fails when no upstream comes up before the timeout', () =>
      withRelay('echo', async (r) => {
        r.upstream.set(null);
        const result = await prober.check(spec({ timeoutMs: 300 }), r.target, live());
        expect(result).toMatchObject({ ok: false, error: { code: 'HEALTH.TIMEOUT' } });
      }));

    it('fails once the listener is closed', () =>
      withRelay('echo', async (r) => {
        await r.listener.close();
        const result = await prober.check(spec(), r.target, live());
        expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('is not listening') } });
        expect(r.server.accepted()).toBe(0);
      }));

    it("goes to the spec's own port, not through the listener, when the check names one", () =>
      withRelay('echo', async (r) => {
        const other = await serverIn('echo');
        try {
          expect((await prober.check(spec({ port: other.port }), r.target, live())).ok).toBe(true);
          expect(r.server.accepted()).toBe(0);
        } finally {
          await other.stop();
        }
      }));
  });
});

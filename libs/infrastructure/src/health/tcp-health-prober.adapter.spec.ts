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
});

import { DEFAULT_HEALTH_TIMING, KafkaCheck } from '@localport/domain';
import { freePort, startHttpTestServer } from '@localport/testing/loopback';
import { KafkaBrokerMode, KafkaTestBroker, startKafkaBroker } from '@localport/testing/kafka';
import { KafkaHealthProber } from './kafka-health-prober.adapter';

const spec = (over: Partial<KafkaCheck> = {}): KafkaCheck => ({ type: 'kafka', ...DEFAULT_HEALTH_TIMING, timeoutMs: 2_000, bootstrapServers: [], ...over });
const live = () => new AbortController().signal;

describe(KafkaHealthProber.name, () => {
  const prober = new KafkaHealthProber();
  const brokers: KafkaTestBroker[] = [];
  const broker = async (options: Parameters<typeof startKafkaBroker>[0] = {}) => {
    const b = await startKafkaBroker(options);
    brokers.push(b);
    return b;
  };
  afterEach(async () => {
    for (const b of brokers.splice(0)) await b.stop();
  });
  const at = (b: KafkaTestBroker) => ({ host: b.host, port: b.port });

  it('is healthy after ApiVersions v0 and Metadata v1 (no topics) with matching correlation ids', async () => {
    const b = await broker({ brokers: 3, topics: [{ name: 'orders', partitions: 3 }] });

    expect(await prober.check(spec(), at(b), live())).toEqual({ ok: true, value: undefined });
    expect(b.requests).toEqual([
      { apiKey: 18, apiVersion: 0, correlationId: 1, clientId: 'localport-health' },
      { apiKey: 3, apiVersion: 1, correlationId: 2, clientId: 'localport-health', topics: [] },
    ]);
  });

  it('falls back to Metadata v0 when the broker offers only that', async () => {
    const b = await broker({ metadataMaxVersion: 0, topics: [{ name: 'orders', partitions: 2 }] });

    expect((await prober.check(spec(), at(b), live())).ok).toBe(true);
    expect(b.requests.map((r) => [r.apiKey, r.apiVersion])).toEqual([
      [18, 0],
      [3, 0],
    ]);
  });

  it.each<[KafkaBrokerMode, string]>([
    ['error-code', 'ApiVersions answered error code 35'],
    ['close', 'connection closed by the broker'],
    ['wrong-correlation', 'response correlation id 2, expected 1'],
    ['no-brokers', 'Metadata lists no brokers'],
    ['garbage', 'not a Kafka response'],
  ])('fails when the broker misbehaves: %s', async (mode, words) => {
    const b = await broker({ mode });

    expect(await prober.check(spec(), at(b), live())).toMatchObject({
      ok: false,
      error: { code: 'HEALTH.FAILED', message: expect.stringContaining(`127.0.0.1:${b.port}: ${words}`) },
    });
  });

  it('tries bootstrap servers in order and the first that answers wins', async () => {
    const dead = await freePort();
    const b = await broker();
    const result = await prober.check(spec({ bootstrapServers: [`127.0.0.1:${dead}`, `127.0.0.1:${b.port}`] }), { host: '127.0.0.1', port: dead }, live());

    expect(result.ok).toBe(true);
    expect(b.requests).toHaveLength(2);
  });

  it('gives each bootstrap server a share of the timeout, so a silent one does not starve the next', async () => {
    const silent = await broker({ mode: 'silent' });
    const good = await broker();
    const result = await prober.check(spec({ timeoutMs: 1_000, bootstrapServers: [`127.0.0.1:${silent.port}`, `127.0.0.1:${good.port}`] }), at(good), live());

    expect(result.ok).toBe(true);
    expect(silent.requests).toHaveLength(1);
  });

  it('lists every bootstrap server that failed and why', async () => {
    const dead = await freePort();
    const http = await startHttpTestServer((_req, res) => res.end());
    try {
      const result = await prober.check(spec({ bootstrapServers: [`127.0.0.1:${dead}`, `localhost:${http.port}`, 'nonsense'] }), { host: '127.0.0.1', port: 1 }, live());
      expect(result).toMatchObject({ ok: false, error: { code: 'HEALTH.FAILED' } });
      const message = result.ok ? '' : result.error.message;
      expect(message).toMatch(new RegExp(`^kafka: no bootstrap server answered \\(127\\.0\\.0\\.1:${dead}: connect ECONNREFUSED .*; localhost:${http.port}: .+; nonsense: not a host:port\\)$`));
    } finally {
      await http.stop();
    }
  });

  it('accepts bracketed IPv6 bootstrap servers', async () => {
    const b = await broker();
    const result = await prober.check(spec({ bootstrapServers: [`[::1]:${b.port}`] }), at(b), live());
    // The test broker listens on 127.0.0.1 only, so ::1 is refused: what matters is the parse.
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining(`[::1]:${b.port}: connect ECONNREFUSED ::1:${b.port}`) } });
  });
});

import { DEFAULT_HEALTH_TIMING, HealthCheckSpec } from '@localport/domain';
import { startStreamServer } from '@localport/testing/loopback';
import { HEALTH_CHECKS } from '../health-checks';
import { CompositeHealthProber } from './composite-health-prober.adapter';
import { healthCheckRegistry } from './health-check-registry';
import { tcpHealthCheck } from './tcp.health-check';

/** Records which prober modules Jest loads, and when; the modules themselves are the real ones. */
const mockLoaded: string[] = [];
jest.mock('./kafka-health-prober.adapter', () => (mockLoaded.push('kafka'), jest.requireActual('./kafka-health-prober.adapter')));
jest.mock('./postgres-health-prober.adapter', () => (mockLoaded.push('postgres'), jest.requireActual('./postgres-health-prober.adapter')));

describe('health-check registry', () => {
  it('lists every type with its aliases, in registration order, as messages name them', () => {
    expect(HEALTH_CHECKS.names).toEqual(['tcp', 'http', 'https', 'postgres', 'postgresql', 'kafka']);
    expect(HEALTH_CHECKS.modules.map((m) => m.name)).toEqual(['tcp', 'http', 'postgres', 'kafka']);
  });

  it('resolves a written name in any case, aliases to their type, and nothing else', () => {
    expect(HEALTH_CHECKS.resolve('HTTPS')).toEqual({ module: HEALTH_CHECKS.get('http'), written: 'https' });
    expect(HEALTH_CHECKS.resolve('PostgreSQL')?.module.name).toBe('postgres');
    expect(HEALTH_CHECKS.resolve('grpc')).toBeUndefined();
    expect(HEALTH_CHECKS.resolve(7)).toBeUndefined();
    expect(HEALTH_CHECKS.get('https')).toBeUndefined(); // get() takes the domain's type, not an alias
  });

  it('refuses a type or a name registered twice, and an empty list', () => {
    expect(() => healthCheckRegistry(tcpHealthCheck, tcpHealthCheck)).toThrow('health-check type tcp is registered twice');
    expect(() => healthCheckRegistry(tcpHealthCheck, { ...tcpHealthCheck, name: 'tcp2' as 'tcp', aliases: ['tcp'] })).toThrow('name tcp is registered twice');
    expect(() => healthCheckRegistry()).toThrow('no health-check type is registered');
  });

  it('maps each type to the domain and renders it back to the same config', () => {
    for (const module of HEALTH_CHECKS.modules) {
      const spec = module.toSpec({}, DEFAULT_HEALTH_TIMING, module.name);
      expect(spec).toMatchObject({ type: module.name, ...DEFAULT_HEALTH_TIMING });
      expect(module.toSpec(module.render(spec), DEFAULT_HEALTH_TIMING, module.name)).toEqual(spec);
    }
  });

  it('loads a prober on the first check of its type: tcp checks never load the kafka or postgres code', async () => {
    const echo = await startStreamServer();
    const prober = new CompositeHealthProber();
    const target = echo.endpoint.kind === 'tcp' ? { host: echo.endpoint.host, port: echo.endpoint.port } : { host: '', port: 0 };
    const kafka: HealthCheckSpec = { type: 'kafka', ...DEFAULT_HEALTH_TIMING, timeoutMs: 2_000, bootstrapServers: [] };
    try {
      expect(await prober.check({ type: 'tcp', ...DEFAULT_HEALTH_TIMING }, target, new AbortController().signal)).toEqual({ ok: true, value: undefined });
      expect(mockLoaded).toEqual([]);
      expect((await prober.check(kafka, target, new AbortController().signal)).ok).toBe(false); // an echo server is no broker
      expect(mockLoaded).toEqual(['kafka']);
    } finally {
      await echo.stop();
    }
  });

  it('answers a check of an unregistered type with HEALTH.FAILED, never a rejection', async () => {
    const prober = new CompositeHealthProber(healthCheckRegistry(tcpHealthCheck));
    const result = await prober.check({ type: 'http', ...DEFAULT_HEALTH_TIMING } as HealthCheckSpec, { host: '127.0.0.1', port: 1 }, new AbortController().signal);
    expect(result).toMatchObject({ ok: false, error: { code: 'HEALTH.FAILED', message: 'no health check of type "http" is registered' } });
  });
});

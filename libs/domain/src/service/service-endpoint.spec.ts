import { DEFAULT_HEALTH_TIMING, HealthCheckSpec } from './health-check-spec';
import { DEFAULT_RESTART_POLICY } from './restart-policy';
import { createService, Service } from './service';
import { endpointVariables, envVarPrefix, serviceEndpoint } from './service-endpoint';

const service = (name: string, healthCheck: HealthCheckSpec, bindAddress = '127.0.0.1', localPort = 15432): Service => {
  const r = createService({
    name, localPort, remotePort: 5432, bindAddress, healthCheck, restartPolicy: DEFAULT_RESTART_POLICY, tags: [], enabled: true, connectTimeoutMs: 10_000,
    connection: { technology: 'kubectl', resourceType: 'service', resourceName: name, namespace: 'default' }, target: `service/${name}:5432`, kubeContext: 'dev',
  });
  if (!r.ok) throw r.error;
  return r.value;
};
const tcp: HealthCheckSpec = { type: 'tcp', ...DEFAULT_HEALTH_TIMING };
const http = (scheme: 'http' | 'https'): HealthCheckSpec => ({ type: 'http', ...DEFAULT_HEALTH_TIMING, scheme, path: '/healthz', method: 'GET', expectedStatus: [200], headers: {}, verifyTls: true });

describe(envVarPrefix.name, () => {
  it.each([
    ['postgres', 'POSTGRES'],
    ['postgres-main', 'POSTGRES_MAIN'],
    ['api.v2--internal', 'API_V2_INTERNAL'],
    ['9db', '_9DB'],
    ['-web-', 'WEB'],
    ['Kafka_Broker', 'KAFKA_BROKER'],
  ])('%s -> %s', (name, prefix) => expect(envVarPrefix(name)).toBe(prefix));
});

describe(serviceEndpoint.name, () => {
  it.each([
    ['tcp', tcp, '127.0.0.1', 'tcp://127.0.0.1:15432'],
    ['http', http('http'), '127.0.0.1', 'http://127.0.0.1:15432'],
    ['https', http('https'), 'localhost', 'https://localhost:15432'],
    ['postgres with user and database', { type: 'postgres', ...DEFAULT_HEALTH_TIMING, user: 'app user', database: 'orders' } as HealthCheckSpec, '127.0.0.1', 'postgresql://app%20user@127.0.0.1:15432/orders'],
    ['postgres without user (no password, ever)', { type: 'postgres', ...DEFAULT_HEALTH_TIMING, password: 'secret' } as HealthCheckSpec, '127.0.0.1', 'postgresql://127.0.0.1:15432/postgres'],
    ['kafka', { type: 'kafka', ...DEFAULT_HEALTH_TIMING, bootstrapServers: [] } as HealthCheckSpec, '127.0.0.1', 'kafka://127.0.0.1:15432'],
    ['a wildcard bind, reached on loopback', tcp, '0.0.0.0', 'tcp://127.0.0.1:15432'],
    ['IPv6 in brackets', tcp, '::', 'tcp://[::1]:15432'],
  ])('%s', (_what, check, bind, url) => {
    expect(serviceEndpoint(service('db', check, bind)).url).toBe(url);
  });

  it('names HOST, PORT and URL variables after the service', () => {
    expect(endpointVariables(serviceEndpoint(service('postgres-main', tcp, '0.0.0.0', 5433)))).toEqual({
      POSTGRES_MAIN_HOST: '127.0.0.1', POSTGRES_MAIN_PORT: '5433', POSTGRES_MAIN_URL: 'tcp://127.0.0.1:5433',
    });
  });
});

import { HealthProberHarness, HungTarget, describeHealthProberContract } from '@localport/application/testing';
import { DEFAULT_HEALTH_TIMING, DEFAULT_HTTP_STATUSES, HealthCheckSpec } from '@localport/domain';
import { KafkaTestBroker, startKafkaBroker } from '@localport/testing/kafka';
import { freePort, startHttpTestServer, startStreamServer, StreamTestServer, waitUntil } from '@localport/testing/loopback';
import { startPostgres } from '@localport/testing/postgres';
import { HEALTH_CHECKS } from '../health-checks';
import { HealthCheckModule } from './health-check-module';

const realTime = { passTime: async () => undefined };
const nowhere = async () => ({ host: '127.0.0.1', port: await freePort() });
const tcpOf = (s: StreamTestServer) => {
  if (s.endpoint.kind !== 'tcp') throw new Error('tcp expected');
  return { host: s.endpoint.host, port: s.endpoint.port };
};

/** A stream server that accepts and never says a word, checked with `spec`. */
async function silentStream(spec: HealthCheckSpec, message: (port: number) => string | RegExp): Promise<HungTarget> {
  const silent = await startStreamServer({ mode: 'silent' });
  const target = tcpOf(silent);
  return { target, spec, message: message(target.port), closed: () => waitUntil(() => silent.open() === 0, 2_000, 'the probe closed its connection'), stop: () => silent.stop() };
}

const tcpHarness = async (module: HealthCheckModule): Promise<HealthProberHarness> => {
  const echo = await startStreamServer({ mode: 'echo' });
  let refusedPort = 0;
  return {
    ...realTime,
    prober: await module.loadProber(),
    spec: (timeoutMs) => ({ type: 'tcp', ...DEFAULT_HEALTH_TIMING, timeoutMs }),
    healthy: async () => tcpOf(echo),
    refused: async () => ({ host: '127.0.0.1', port: (refusedPort = await freePort()) }),
    get refusedMessage() {
      return `connection to 127.0.0.1:${refusedPort} refused`;
    },
    hung: null,
    close: () => echo.stop(),
  };
};

const httpHarness = async (module: HealthCheckModule): Promise<HealthProberHarness> => {
  const server = await startHttpTestServer((req, res) => (req.url === '/hang' ? undefined : void res.writeHead(200).end('ok')));
  const spec = (timeoutMs: number, path = '/health'): HealthCheckSpec => ({
    type: 'http', ...DEFAULT_HEALTH_TIMING, timeoutMs, scheme: 'http', path, method: 'GET', expectedStatus: DEFAULT_HTTP_STATUSES, headers: {}, verifyTls: true,
  });
  const target = { host: '127.0.0.1', port: server.port };
  return {
    ...realTime,
    prober: await module.loadProber(),
    spec,
    healthy: async () => target,
    refused: nowhere,
    refusedMessage: 'connection refused: nothing is listening there (NET.REFUSED)',
    hung: async (timeoutMs) => ({
      target, spec: spec(timeoutMs, '/hang'), message: `GET http://127.0.0.1:${server.port}/hang timed out after ${timeoutMs} ms`, closed: async () => undefined, stop: async () => undefined,
    }),
    close: () => server.stop(),
  };
};

const postgresHarness = async (module: HealthCheckModule): Promise<HealthProberHarness> => {
  const pg = await startPostgres();
  const spec = (timeoutMs: number): HealthCheckSpec => ({ type: 'postgres', ...DEFAULT_HEALTH_TIMING, timeoutMs, user: pg.user, password: pg.password, database: pg.database });
  return {
    ...realTime,
    prober: await module.loadProber(),
    spec,
    healthy: async () => ({ host: pg.host, port: pg.port }),
    refused: nowhere,
    refusedMessage: 'connection refused: nothing is listening there (NET.REFUSED)',
    hung: (timeoutMs) => silentStream(spec(timeoutMs), () => 'timed out'),
    close: () => pg.stop(),
  };
};

const kafkaHarness = async (module: HealthCheckModule): Promise<HealthProberHarness> => {
  const brokers: KafkaTestBroker[] = [await startKafkaBroker()];
  return {
    ...realTime,
    prober: await module.loadProber(),
    spec: (timeoutMs) => ({ type: 'kafka', ...DEFAULT_HEALTH_TIMING, timeoutMs, bootstrapServers: [] }),
    healthy: async () => ({ host: brokers[0].host, port: brokers[0].port }),
    refused: nowhere,
    refusedMessage: 'ECONNREFUSED',
    hung: async (timeoutMs) => {
      const silent = await startKafkaBroker({ mode: 'silent' });
      brokers.push(silent);
      return {
        target: { host: silent.host, port: silent.port }, spec: { type: 'kafka', ...DEFAULT_HEALTH_TIMING, timeoutMs, bootstrapServers: [] },
        message: `kafka check of 127.0.0.1:${silent.port} timed out after ${timeoutMs} ms`, closed: async () => undefined, stop: async () => undefined,
      };
    },
    close: async () => {
      for (const b of brokers) await b.stop();
    },
  };
};

type Harness = { readonly what: string; readonly make: (module: HealthCheckModule) => Promise<HealthProberHarness>; readonly options?: Parameters<typeof describeHealthProberContract>[2] };

/** The real things each registered health-check type is checked against; a type registered without one fails below. */
const HARNESSES: Readonly<Record<string, Harness>> = {
  tcp: { what: 'loopback servers', make: tcpHarness, options: { waitsForAnAnswer: false } },
  http: { what: 'loopback HTTP server', make: httpHarness },
  postgres: { what: 'real PostgreSQL, with credentials', make: postgresHarness, options: { timeoutMs: 120_000 } },
  kafka: { what: 'Kafka test broker', make: kafkaHarness },
};

describe('health-check types', () => {
  it('each registered type has a contract harness', () => {
    expect(HEALTH_CHECKS.modules.map((m) => m.name).filter((name) => !HARNESSES[name])).toEqual([]);
  });
});

// The contract runs over every registered type, with the prober its descriptor loads.
for (const module of HEALTH_CHECKS.modules) {
  const harness = HARNESSES[module.name];
  if (harness) describeHealthProberContract(`${module.name} health check (${harness.what})`, () => harness.make(module), harness.options);
}

import { DEFAULT_HEALTH_TIMING, DEFAULT_HTTP_STATUSES, HealthCheckSpec } from '@localport/domain';
import { startHttpTestServer, startStreamServer } from '@localport/testing/loopback';
import { startKafkaBroker } from '@localport/testing/kafka';
import { RecordingLogger } from '@localport/application/testing';
import { CompositeHealthProber } from './composite-health-prober.adapter';

const timing = { ...DEFAULT_HEALTH_TIMING, timeoutMs: 2_000 };
const live = () => new AbortController().signal;

describe(CompositeHealthProber.name, () => {
  it('sends each check type to its own prober', async () => {
    const echo = await startStreamServer();
    const http = await startHttpTestServer((_req, res) => res.end('fine'));
    const kafka = await startKafkaBroker();
    const prober = new CompositeHealthProber();
    const echoTarget = echo.endpoint.kind === 'tcp' ? { host: echo.endpoint.host, port: echo.endpoint.port } : { host: '', port: 0 };
    const httpTarget = { host: '127.0.0.1', port: http.port };
    const httpSpec: HealthCheckSpec = { type: 'http', ...timing, scheme: 'http', path: '/', method: 'GET', expectedStatus: DEFAULT_HTTP_STATUSES, headers: {}, verifyTls: true, expectedContent: 'fine' };
    try {
      expect(await prober.check({ type: 'tcp', ...timing }, echoTarget, live())).toEqual({ ok: true, value: undefined });
      expect(await prober.check(httpSpec, httpTarget, live())).toEqual({ ok: true, value: undefined });
      expect(await prober.check({ type: 'kafka', ...timing, bootstrapServers: [] }, { host: kafka.host, port: kafka.port }, live())).toEqual({ ok: true, value: undefined });
      // The same HTTP server fails a kafka check and a postgres check, each in its own protocol's words.
      expect(await prober.check({ type: 'kafka', ...timing, bootstrapServers: [] }, httpTarget, live())).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^kafka: /) } });
      expect(await prober.check({ type: 'postgres', ...timing }, httpTarget, live())).toMatchObject({ ok: false, error: { message: expect.stringContaining('PostgreSQL') } });
    } finally {
      await echo.stop();
      await http.stop();
      await kafka.stop();
    }
  });

  it('logs the raw text of a failure (OpenSSL\'s string) at debug while the result says it in user words', async () => {
    const http = await startHttpTestServer((_req, res) => res.end('fine'));
    const log = new RecordingLogger();
    const spec: HealthCheckSpec = { type: 'http', ...timing, scheme: 'https', path: '/', method: 'GET', expectedStatus: DEFAULT_HTTP_STATUSES, headers: {}, verifyTls: true };
    try {
      const result = await new CompositeHealthProber(undefined, log).check(spec, { host: '127.0.0.1', port: http.port }, live());
      expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('(TLS.NOT_TLS)') } });
      expect(log.entries).toEqual([
        { level: 'debug', message: 'health check failed', fields: { check: 'http', port: http.port, error: expect.stringContaining('TLS.NOT_TLS'), raw: expect.stringMatching(/wrong version number/) } },
      ]);
    } finally {
      await http.stop();
    }
  });
});

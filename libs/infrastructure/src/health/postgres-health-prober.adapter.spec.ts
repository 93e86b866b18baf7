import { DEFAULT_HEALTH_TIMING, PostgresCheck, unwrap } from '@localport/domain';
import { ControlledUpstream, freePort, startHttpTestServer, startStreamServer, waitUntil } from '@localport/testing/loopback';
import { RunningPostgres, startPostgres } from '@localport/testing/postgres';
import { TcpListenerFactory } from '../net/tcp-listener-factory.adapter';
import { PostgresHealthProber } from './postgres-health-prober.adapter';

const spec = (over: Partial<PostgresCheck> = {}): PostgresCheck => ({ type: 'postgres', ...DEFAULT_HEALTH_TIMING, timeoutMs: 5_000, ...over });
const live = () => new AbortController().signal;

describe(PostgresHealthProber.name, () => {
  const prober = new PostgresHealthProber();
  let pg: RunningPostgres;
  let pgTls: RunningPostgres;
  beforeAll(async () => {
    [pg, pgTls] = await Promise.all([startPostgres(), startPostgres({ ssl: true })]);
  }, 120_000);
  afterAll(async () => {
    await pg?.stop();
    await pgTls?.stop();
  });
  const target = () => ({ host: pg.host, port: pg.port });
  const creds = () => ({ user: pg.user, password: pg.password, database: pg.database });

  it('runs SELECT 1 in a session with the configured credentials (sslmode prefer falls back to plain)', async () => {
    expect(await prober.check(spec(creds()), target(), live())).toEqual({ ok: true, value: undefined });
    expect((await prober.check(spec({ ...creds(), sslmode: 'disable' }), target(), live())).ok).toBe(true);
  });

  it('uses TLS when the server has it, and fails sslmode require when it has not', async () => {
    const tlsTarget = { host: pgTls.host, port: pgTls.port };
    expect((await prober.check(spec({ ...creds(), sslmode: 'require' }), tlsTarget, live())).ok).toBe(true);
    expect(await prober.check(spec({ ...creds(), sslmode: 'require' }), target(), live())).toMatchObject({
      ok: false,
      error: { code: 'HEALTH.FAILED', message: expect.stringContaining('the server does not offer TLS (sslmode: require needs ssl = on in postgresql.conf; use sslmode: prefer or disable) (TLS.NOT_OFFERED)') },
    });
  });

  it('fails on a wrong password without ever showing a password', async () => {
    const result = await prober.check(spec({ ...creds(), password: 'not-the-S3cret' }), target(), live());

    expect(result).toMatchObject({ ok: false, error: { code: 'HEALTH.FAILED', message: `postgres ${pg.user}@127.0.0.1:${pg.port}/postgres: password authentication failed for user "${pg.user}"` } });
    expect(JSON.stringify(result) + String(!result.ok && result.error.message)).not.toContain('S3cret');
  });

  it('fails for a database that does not exist', async () => {
    expect(await prober.check(spec({ ...creds(), database: 'nope' }), target(), live())).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('database "nope" does not exist') },
    });
  });

  it('without a user, accepts the SSLRequest answer of a server with and without TLS', async () => {
    expect(await prober.check(spec(), target(), live())).toEqual({ ok: true, value: undefined });
    expect((await prober.check(spec(), { host: pgTls.host, port: pgTls.port }, live())).ok).toBe(true);
  });

  it('fails when nothing listens, also without credentials (with them: the HealthProber contract)', async () => {
    const nothing = { host: '127.0.0.1', port: await freePort() };
    expect(await prober.check(spec(), nothing, live())).toMatchObject({ ok: false, error: { code: 'HEALTH.FAILED', message: expect.stringContaining('connection refused: nothing is listening there (NET.REFUSED)') } });
  });

  it('fails for a server that is not PostgreSQL', async () => {
    const http = await startHttpTestServer((_req, res) => res.end('hi'));
    const echo = await startStreamServer({ mode: 'echo' });
    try {
      const viaHttp = await prober.check(spec(), { host: '127.0.0.1', port: http.port }, live());
      const viaEcho = await prober.check(spec(), echo.endpoint.kind === 'tcp' ? echo.endpoint : target(), live());

      expect(viaHttp).toMatchObject({ ok: false, error: { message: expect.stringMatching(/did not answer like a PostgreSQL server \(got \d+ bytes starting 0x48\)/) } });
      expect(viaEcho).toMatchObject({ ok: false, error: { message: expect.stringContaining('did not answer like a PostgreSQL server (got 8 bytes starting 0x00)') } });
    } finally {
      await http.stop();
      await echo.stop();
    }
  });

  it('times out without credentials against a server that never answers (with them: the HealthProber contract)', async () => {
    const over: Partial<PostgresCheck> = {};
    const silent = await startStreamServer({ mode: 'silent' });
    try {
      const where = silent.endpoint.kind === 'tcp' ? silent.endpoint : target();
      expect(await prober.check(spec({ ...over, timeoutMs: 300 }), where, live())).toMatchObject({ ok: false, error: { code: 'HEALTH.TIMEOUT' } });
      await waitUntil(() => silent.open() === 0, 2_000, 'the probe closed its connection');
    } finally {
      await silent.stop();
    }
  });

  it('checks end to end through our relay', async () => {
    const upstream = new ControlledUpstream({ kind: 'tcp', host: pg.host, port: pg.port });
    const listener = unwrap(await new TcpListenerFactory().listen({ address: '127.0.0.1', port: 0 }, upstream, { connectTimeoutMs: 2_000 }));
    try {
      expect((await prober.check(spec(creds()), { host: '127.0.0.1', port: listener.port }, live())).ok).toBe(true);
      expect((await prober.check(spec(), { host: '127.0.0.1', port: listener.port }, live())).ok).toBe(true);
    } finally {
      await listener.close();
    }
  });
});

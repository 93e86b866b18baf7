import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { Client } from 'pg';
import { RunningPostgres, startPostgres } from './start-postgres';

const refused = (port: number) =>
  new Promise<string>((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), resolve('connected')));
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });

describe(startPostgres.name, () => {
  let pg: RunningPostgres;
  beforeAll(async () => {
    pg = await startPostgres();
  }, 90_000);
  afterAll(() => pg?.stop());

  it('runs a real server that takes the test user with its password over TCP', async () => {
    const client = new Client({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database });
    await client.connect();
    const { rows } = await client.query<{ v: string; method: string }>("SELECT version() AS v, current_setting('password_encryption') AS method");
    await client.end();

    expect(rows[0].v).toMatch(/^PostgreSQL \d+/);
    expect(rows[0].method).toBe('scram-sha-256');
  });

  it('refuses a wrong password', async () => {
    const client = new Client({ host: pg.host, port: pg.port, user: pg.user, password: 'wrong', database: pg.database });
    client.on('error', () => undefined);

    await expect(client.connect()).rejects.toThrow(`password authentication failed for user "${pg.user}"`);
  });

  it('serves TLS on request; stops, frees its port and removes its files', async () => {
    const other = await startPostgres({ user: 'second', password: 'pw2', ssl: true });
    expect(existsSync(other.directory)).toBe(true);
    const client = new Client({ host: other.host, port: other.port, user: 'second', password: 'pw2', database: other.database, ssl: { rejectUnauthorized: false } });
    await client.connect();
    const { rows } = await client.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    await client.end();
    expect(rows).toEqual([{ ssl: true }]);

    await other.stop();
    await other.stop(); // idempotent

    expect(await refused(other.port)).toBe('ECONNREFUSED');
    expect(existsSync(other.directory)).toBe(false);
    expect(() => process.kill(other.pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  }, 90_000);
});

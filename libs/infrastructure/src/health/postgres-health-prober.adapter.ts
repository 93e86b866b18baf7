import { Socket } from 'node:net';
import { HealthTarget } from '@localport/application';
import { ok, PostgresCheck } from '@localport/domain';
import type { ClientConfig } from 'pg';
import { hostPort } from '../net/host-port';
import { sayFailure } from '../net/plain-failure';
import { probeSslRequest } from './postgres-ssl-request';
import { TypedHealthProber } from './typed-health-prober';
import { CheckResult, failed, messageOf, withDeadline } from './with-deadline';
import { importOptional } from '../optional/optional-dependency';

const NO_SSL = 'The server does not support SSL connections';

/**
 * PostgreSQL check. With a user: a session (database/user/password/sslmode) running `SELECT 1`.
 * Without one: an SSLRequest answered 'S' or 'N' proves the server speaks the protocol. Passwords never reach messages.
 */
export class PostgresHealthProber implements TypedHealthProber<PostgresCheck> {
  check(spec: PostgresCheck, target: HealthTarget, signal: AbortSignal): Promise<CheckResult> {
    const host = spec.host ?? target.host;
    const port = spec.port ?? target.port;
    const where = hostPort(host, port);
    if (!spec.user) return withDeadline(`postgres check of ${where}`, spec.timeoutMs, signal, (s) => probeSslRequest(host, port, s));
    const label = `postgres check of ${spec.user}@${where}/${spec.database ?? 'postgres'}`;
    return withDeadline(label, spec.timeoutMs, signal, async (s) => {
      // sslmode prefer (libpq's default): try TLS, fall back to plain when the server has none.
      const mode = spec.sslmode ?? 'prefer';
      const first = await selectOne(spec, host, port, mode !== 'disable', s);
      if (first.ok || mode !== 'prefer' || messageOf(first.error.cause) !== NO_SSL) return first;
      return selectOne(spec, host, port, false, s);
    });
  }
}

async function selectOne(spec: PostgresCheck, host: string, port: number, tls: boolean, signal: AbortSignal): Promise<CheckResult> {
  let socket: Socket | undefined;
  const config: ClientConfig & { sslnegotiation: string } = {
    host,
    port,
    user: spec.user,
    database: spec.database ?? 'postgres',
    // Always a string: pg would otherwise fall back to PGPASSWORD or ~/.pgpass.
    password: spec.password ?? '',
    ssl: tls ? { rejectUnauthorized: false } : false,
    sslnegotiation: 'postgres',
    application_name: 'localport-health',
    // Our own socket, so a timeout or cancel can cut it whatever state pg is in.
    stream: () => (socket = new Socket()),
  };
  // pg is loaded on the first postgres check, so a daemon without one never loads it.
  const { Client } = await importOptional('pg', 'the postgres health check', () => import('pg'));
  const client = new Client(config);
  client.on('error', () => undefined); // errors after connect arrive here; the awaited calls report them too
  const onAbort = (): void => void socket?.destroy();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return ok(undefined);
  } catch (e) {
    return failed(`postgres ${spec.user}@${hostPort(host, port)}/${config.database}: ${sayFailure(e, 'postgres')}`, e);
  } finally {
    signal.removeEventListener('abort', onAbort);
    await client.end().catch(() => undefined);
    socket?.destroy();
  }
}

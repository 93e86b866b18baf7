import { z } from 'zod';
import type { PostgresCheck } from '@localport/domain';
import { nonEmptyText, ObjectFactory, oneOf, portNumber, text } from '../config/schema-primitives';
import { checkTimeout, compact, HealthCheckModule } from './health-check-module';

/** libpq's sslmode values; `allow` behaves as `prefer` and the verify-* modes as `require`. */
export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;

const postgresConfigSchema = (obj: ObjectFactory) =>
  obj({
    host: nonEmptyText().optional(),
    port: portNumber().optional(),
    database: nonEmptyText().optional(),
    user: nonEmptyText().optional(),
    password: text().optional(),
    sslmode: oneOf(SSL_MODES).optional(),
    timeout: checkTimeout(),
  });

const sslMode = (m: (typeof SSL_MODES)[number] | undefined): PostgresCheck['sslmode'] =>
  m === undefined ? undefined : m === 'allow' ? 'prefer' : m.startsWith('verify-') ? 'require' : (m as PostgresCheck['sslmode']);

/** `type: postgres` (or `postgresql`): `SELECT 1` in a session when a user is given, else a protocol answer. */
export const postgresHealthCheck: HealthCheckModule<PostgresCheck, z.output<ReturnType<typeof postgresConfigSchema>>> = {
  name: 'postgres',
  aliases: ['postgresql'],
  configSchema: postgresConfigSchema,
  toSpec: (c, timing) => compact({ type: 'postgres', ...timing, host: c.host, port: c.port, database: c.database, user: c.user, password: c.password, sslmode: sslMode(c.sslmode) }),
  render: (h) => compact({ host: h.host, port: h.port, database: h.database, user: h.user, password: h.password, sslmode: h.sslmode }),
  credentials: (h, host, port) => (h.user === undefined ? undefined : { fields: 'user, password, database', tryWith: `psql -h ${host} -p ${port}` }),
  // The prober loads `pg` (an optional peer) itself, at its first session check.
  loadProber: () => import('./postgres-health-prober.adapter.js').then((m) => new m.PostgresHealthProber()),
};

import { z } from 'zod';
import { HEALTH_CHECK_LIMITS, HealthCheckType } from '@localport/domain';
import { flag, nonEmptyText, numberIn, ObjectFactory, oneOf, portNumber, scalarText, show, text, within } from './schema-primitives';

const isHttpUrl = (v: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};
const statusCode = () => numberIn(100, 599, { int: true, what: 'an HTTP status' });
const statusList = () => z.union([statusCode(), z.array(statusCode()).min(1)], { error: (iss) => `${show(iss.input)} is not a status code or a list of them` });
/** LocalPort copies `health_check.timeout` into the checker config, so files may carry it here too; it wins. */
const timeout = () => within(HEALTH_CHECK_LIMITS.timeoutMs).optional();

export const tcpConfigSchema = (obj: ObjectFactory) => obj({ host: nonEmptyText().optional(), port: portNumber().optional(), timeout: timeout() });

export const httpConfigSchema = (obj: ObjectFactory) =>
  obj({
    url: z.string().refine(isHttpUrl, { error: (iss) => `${show(iss.input)} is not an http(s) URL` }).optional(),
    scheme: oneOf(['http', 'https']).optional(),
    method: z.preprocess((v) => (typeof v === 'string' ? v.toUpperCase() : v), z.enum(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'])).optional(),
    path: z.string().startsWith('/', { error: (iss) => `${show(iss.input)} must start with /` }).optional(),
    expected_status_codes: statusList().optional(),
    /** The name LocalPort's docs use (the code reads `expected_status_codes`); both are accepted. */
    expected_status: statusList().optional(),
    expected_content: text().optional(),
    headers: z.record(z.string(), scalarText()).nullish(),
    verify_ssl: flag().optional(),
    timeout: timeout(),
  });

/** libpq's sslmode values; `allow` behaves as `prefer` and the verify-* modes as `require` (with a warning). */
export const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;

export const postgresConfigSchema = (obj: ObjectFactory) =>
  obj({
    host: nonEmptyText().optional(),
    port: portNumber().optional(),
    database: nonEmptyText().optional(),
    user: nonEmptyText().optional(),
    password: text().optional(),
    sslmode: oneOf(SSL_MODES).optional(),
    timeout: timeout(),
  });

export const kafkaConfigSchema = (obj: ObjectFactory) =>
  obj({
    bootstrap_servers: z.union([z.string(), z.array(nonEmptyText()).min(1)], { error: (iss) => `${show(iss.input)} is not a "host:port,host:port" string or a list` }).optional(),
    timeout: timeout(),
  });

/** The `health_check.config` schema of each (normalised) type. */
export const HEALTH_CONFIG_SCHEMAS = {
  tcp: tcpConfigSchema,
  http: httpConfigSchema,
  postgres: postgresConfigSchema,
  kafka: kafkaConfigSchema,
} as const satisfies Record<HealthCheckType, (obj: ObjectFactory) => z.ZodType>;

export type TcpConfigData = z.output<ReturnType<typeof tcpConfigSchema>>;
export type HttpConfigData = z.output<ReturnType<typeof httpConfigSchema>>;
export type PostgresConfigData = z.output<ReturnType<typeof postgresConfigSchema>>;
export type KafkaConfigData = z.output<ReturnType<typeof kafkaConfigSchema>>;

import { DEFAULT_HEALTH_TIMING, DEFAULT_HTTP_STATUSES, HealthCheckSpec, HealthCheckTiming, HealthCheckType } from '@localport/domain';
import { HEALTH_CHECK_TYPE_NAMES, HealthCheckData } from './config-file.schema';
import { HttpConfigData, KafkaConfigData, PostgresConfigData, TcpConfigData } from './health-check-config.schema';

/** A health-check type as written, resolved: `https` is http over TLS, `postgresql` is postgres. */
export interface ResolvedCheckType {
  readonly type: HealthCheckType;
  readonly https: boolean;
}

/** Resolves a written type name; undefined when it is not one LocalPort knows. */
export function resolveCheckType(name: unknown): ResolvedCheckType | undefined {
  const lower = typeof name === 'string' ? name.toLowerCase() : undefined;
  if (!lower || !(HEALTH_CHECK_TYPE_NAMES as readonly string[]).includes(lower)) return undefined;
  if (lower === 'https') return { type: 'http', https: true };
  if (lower === 'postgresql') return { type: 'postgres', https: false };
  return { type: lower as HealthCheckType, https: false };
}

/** The raw `health_check` mappings that apply to one service: its own, and `defaults.health_check`. */
export interface HealthCheckLayers {
  readonly service?: Readonly<Record<string, unknown>>;
  readonly defaults?: Readonly<Record<string, unknown>>;
}

/**
 * Merges a service's health check over the defaults. The service's fields win; `config` is merged
 * key by key, but only when both name the same type (an http config means nothing to a tcp check).
 * Returns undefined when a type name is unknown (reported by the schema).
 */
export function mergeHealthLayers(layers: HealthCheckLayers):
  | { readonly resolved: ResolvedCheckType; readonly config: Record<string, unknown>; readonly configFrom: (key: string) => 'service' | 'defaults' | undefined }
  | undefined {
  const own = layers.service?.['type'];
  const inherited = layers.defaults?.['type'];
  const resolved = resolveCheckType(own ?? inherited ?? 'tcp');
  if (!resolved || (own !== undefined && inherited !== undefined && !resolveCheckType(inherited))) return undefined;
  const sameType = own === undefined || inherited === undefined || resolveCheckType(own)?.type === resolveCheckType(inherited)?.type;
  const serviceConfig = asRecord(layers.service?.['config']);
  const defaultsConfig = sameType ? asRecord(layers.defaults?.['config']) : {};
  return {
    resolved,
    config: { ...defaultsConfig, ...serviceConfig },
    configFrom: (key) => (key in serviceConfig ? 'service' : key in defaultsConfig ? 'defaults' : undefined),
  };
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

type CheckConfig = TcpConfigData | HttpConfigData | PostgresConfigData | KafkaConfigData;

/** Builds the domain health check: YAML seconds become milliseconds; the config's own `timeout` wins. */
export function buildHealthCheck(
  resolved: ResolvedCheckType,
  own: HealthCheckData | null | undefined,
  defaults: HealthCheckData | null | undefined,
  config: CheckConfig,
): HealthCheckSpec {
  const pick = <K extends 'interval' | 'timeout' | 'failure_threshold' | 'success_threshold'>(k: K) => own?.[k] ?? defaults?.[k];
  const timeout = config.timeout ?? pick('timeout');
  const timing: HealthCheckTiming = {
    intervalMs: seconds(pick('interval')) ?? DEFAULT_HEALTH_TIMING.intervalMs,
    timeoutMs: seconds(timeout) ?? DEFAULT_HEALTH_TIMING.timeoutMs,
    failureThreshold: pick('failure_threshold') ?? DEFAULT_HEALTH_TIMING.failureThreshold,
    successThreshold: pick('success_threshold') ?? DEFAULT_HEALTH_TIMING.successThreshold,
  };
  switch (resolved.type) {
    case 'tcp': {
      const c = config as TcpConfigData;
      return compact({ type: 'tcp', ...timing, host: c.host, port: c.port });
    }
    case 'http':
      return httpCheck(timing, resolved, config as HttpConfigData);
    case 'postgres': {
      const c = config as PostgresConfigData;
      const sslmode = c.sslmode === undefined ? undefined : c.sslmode === 'allow' ? 'prefer' : c.sslmode.startsWith('verify-') ? 'require' : c.sslmode;
      return compact({ type: 'postgres', ...timing, host: c.host, port: c.port, database: c.database, user: c.user, password: c.password, sslmode: sslmode as 'disable' | 'prefer' | 'require' | undefined });
    }
    case 'kafka': {
      const servers = (config as KafkaConfigData).bootstrap_servers;
      const list = typeof servers === 'string' ? servers.split(',').map((s) => s.trim()).filter(Boolean) : (servers ?? []);
      return { type: 'kafka', ...timing, bootstrapServers: list };
    }
  }
}

function httpCheck(timing: HealthCheckTiming, resolved: ResolvedCheckType, c: HttpConfigData): HealthCheckSpec {
  const url = c.url ? new URL(c.url) : undefined;
  const scheme = c.scheme ?? (url ? (url.protocol.slice(0, -1) as 'http' | 'https') : resolved.https ? 'https' : 'http');
  const statuses = c.expected_status_codes ?? c.expected_status ?? DEFAULT_HTTP_STATUSES;
  return compact({
    type: 'http',
    ...timing,
    url: c.url,
    scheme,
    path: c.path ?? (url ? `${url.pathname}${url.search}` : '/health'),
    method: c.method ?? 'GET',
    expectedStatus: typeof statuses === 'number' ? [statuses] : [...statuses],
    expectedContent: c.expected_content,
    headers: { ...(c.headers ?? {}) },
    verifyTls: c.verify_ssl ?? true,
  });
}

const seconds = (s: number | undefined): number | undefined => (s === undefined ? undefined : Math.round(s * 1000));

/** Drops keys whose value is undefined, so values compare equal whatever optional fields were spelt out. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

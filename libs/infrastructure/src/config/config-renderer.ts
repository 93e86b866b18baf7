import { stringify } from 'yaml';
import { LoadedConfig } from '@localport/application';
import { ClusterHealthSettings, HealthCheckSpec, LocalportConfig, RestartPolicy, Service } from '@localport/domain';
import { ConfigPath, ConfigProvenance } from './config-document';
import { HEALTH_CHECKS } from '../health-checks';
import { TECHNOLOGIES } from '../technologies';
import { compact } from './health-check.mapper';

const REDACTED = '***';
const SECRET_KEY = /password|passphrase|secret|token|api[-_]?key|authorization|cookie/i;

export interface RenderOptions {
  /** Replace secrets (password-like keys, values from environment variables, URL credentials) with `***`. Default true. */
  readonly redact?: boolean;
}

/** The resolved config (defaults applied) in LocalPort's snake_case shape, for `config show`. Durations in seconds. */
export function renderConfig(loaded: LoadedConfig & { readonly provenance?: ConfigProvenance }, format: 'yaml' | 'json', options: RenderOptions = {}): string {
  const plain = toFileShape(loaded.config);
  const shown = options.redact === false ? plain : redact(plain, [], loaded.provenance);
  return format === 'json' ? `${JSON.stringify(shown, null, 2)}\n` : stringify(shown, { lineWidth: 0 });
}

/** Converts a domain config back to the YAML file's shape (which parses back to the same config). */
export function toFileShape(config: LocalportConfig): Record<string, unknown> {
  const contexts = Object.entries(config.clusterHealth.contexts);
  return compact({
    version: config.version,
    services: config.services.map(serviceShape),
    defaults: { cluster_health: clusterShape(config.clusterHealth.defaults) },
    cluster_contexts: contexts.length ? Object.fromEntries(contexts.map(([name, s]) => [name, { cluster_health: clusterShape(s) }])) : undefined,
  });
}

const sec = (ms: number) => ms / 1000;

function serviceShape(s: Service): Record<string, unknown> {
  const technology = TECHNOLOGIES.get(s.technology);
  // A service is only ever built from a registered technology; the fallback keeps `config show` total anyway.
  const connection = technology ? technology.render(s.connection) : Object.fromEntries(Object.entries(s.connection).filter(([k]) => k !== 'technology'));
  return compact({
    name: s.name,
    technology: s.technology,
    local_port: s.localPort,
    remote_port: s.remotePort,
    bind_address: s.bindAddress,
    connect_timeout: sec(s.connectTimeoutMs),
    enabled: s.enabled,
    tags: [...s.tags],
    description: s.description,
    connection,
    health_check: healthShape(s.healthCheck),
    restart_policy: restartShape(s.restartPolicy),
  });
}

function healthShape(h: HealthCheckSpec): Record<string, unknown> {
  const timing = { type: h.type, interval: sec(h.intervalMs), timeout: sec(h.timeoutMs), failure_threshold: h.failureThreshold, success_threshold: h.successThreshold };
  const module = HEALTH_CHECKS.get(h.type);
  return module ? { ...timing, config: module.render(h) } : timing;
}

const restartShape = (p: RestartPolicy) => ({
  enabled: p.enabled,
  max_attempts: p.maxAttempts,
  initial_delay: sec(p.initialDelayMs),
  backoff_multiplier: p.backoffMultiplier,
  max_delay: sec(p.maxDelayMs),
  jitter: p.jitter,
  reset_after: sec(p.resetAfterMs),
});

const clusterShape = (c: ClusterHealthSettings) => ({
  enabled: c.enabled,
  interval: sec(c.intervalMs),
  timeout: sec(c.timeoutMs),
  retry_attempts: c.retryAttempts,
  failure_threshold: c.failureThreshold,
  provider: c.provider,
  commands: { cluster_info: c.commands.clusterInfo, pod_status: c.commands.podStatus, node_status: c.commands.nodeStatus, events_on_failure: c.commands.eventsOnFailure },
});

function redact(value: unknown, path: ConfigPath, provenance: ConfigProvenance | undefined): unknown {
  if (Array.isArray(value)) return value.map((v, i) => redact(v, [...path, i], provenance));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) && !isCollection(v) ? REDACTED : redact(v, [...path, k], provenance)]));
  }
  if (provenance && sourcesOf(path).some((p) => provenance.fromEnvironment(p))) return REDACTED;
  return typeof value === 'string' ? withoutUrlPassword(value) : value;
}

const isCollection = (v: unknown) => typeof v === 'object' && v !== null;

/** Where in the file a shown value may have come from: the entry itself, or the `defaults` it inherited. */
function sourcesOf(path: ConfigPath): ConfigPath[] {
  const [top, index, section, ...rest] = path;
  if (top === 'services' && (section === 'health_check' || section === 'restart_policy')) {
    const aliases = rest[0] === 'config' && rest[1] === 'expected_status_codes' ? [['config', 'expected_status', ...rest.slice(2)]] : [];
    return [rest, ...aliases].flatMap((r) => [['services', index, section, ...r], ['defaults', section, ...r]]);
  }
  if (top === 'cluster_contexts' && section === 'cluster_health') return [path, ['defaults', 'cluster_health', ...rest]];
  return [path];
}

function withoutUrlPassword(value: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/\s]*@/i.test(value)) return value;
  try {
    const url = new URL(value);
    if (!url.password) return value;
    url.password = REDACTED;
    return url.toString();
  } catch {
    return value;
  }
}

import { CLUSTER_HEALTH_LIMITS, DEFAULT_CLUSTER_HEALTH, withinLimit } from '@localport/domain';
import { ProblemCollector } from './config-problems';

type Raw = Readonly<Record<string, unknown>>;
const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const WILDCARDS = new Set(['0.0.0.0', '::']);

/** Raw service entries that are mappings, with their index. */
export function rawServices(raw: Raw): { index: number; service: Raw }[] {
  const list = Array.isArray(raw['services']) ? (raw['services'] as unknown[]) : [];
  return list.flatMap((service, index) => (isRecord(service) ? [{ index, service }] : []));
}

/** Two services with one name, or two listening on the same address and port (a wildcard clashes with every address). */
export function checkDuplicates(raw: Raw, problems: ProblemCollector, lineOf: (index: number) => number | undefined): void {
  const names = new Map<string, number>();
  const ports: { index: number; address: string; port: number }[] = [];
  for (const { index, service } of rawServices(raw)) {
    const name = service['name'];
    if (typeof name === 'string' && name) {
      const first = names.get(name);
      if (first === undefined) names.set(name, index);
      else problems.error(['services', index, 'name'], `${JSON.stringify(name)} is already used by services[${first}] (line ${lineOf(first)})`);
    }
    const port = service['local_port'];
    if (typeof port !== 'number') continue;
    const written = typeof service['bind_address'] === 'string' ? service['bind_address'] : '127.0.0.1';
    const address = written === 'localhost' ? '127.0.0.1' : written;
    const clash = ports.find((p) => p.port === port && (p.address === address || WILDCARDS.has(p.address) || WILDCARDS.has(address)));
    if (clash) {
      problems.error(['services', index, 'local_port'], `${port} is already used by ${problems.serviceLabel(clash.index)} (line ${lineOf(clash.index)}) on ${clash.address}`);
    }
    ports.push({ index, address, port });
  }
}

/** A cluster check's per-command timeout must be shorter than its interval, after merging a context over the defaults. */
export function checkClusterTiming(raw: Raw, problems: ProblemCollector): void {
  const defaults = isRecord(raw['defaults']) && isRecord(raw['defaults']['cluster_health']) ? raw['defaults']['cluster_health'] : {};
  const layers: { path: (string | number)[]; layer: Raw }[] = [{ path: ['defaults', 'cluster_health'], layer: defaults }];
  if (isRecord(raw['cluster_contexts'])) {
    for (const [name, ctx] of Object.entries(raw['cluster_contexts'])) {
      if (isRecord(ctx) && isRecord(ctx['cluster_health'])) layers.push({ path: ['cluster_contexts', name, 'cluster_health'], layer: ctx['cluster_health'] });
    }
  }
  for (const { path, layer } of layers) {
    const pick = (k: string, fallbackMs: number) => layer[k] ?? defaults[k] ?? fallbackMs / 1000;
    const interval = pick('interval', DEFAULT_CLUSTER_HEALTH.intervalMs);
    const timeout = pick('timeout', DEFAULT_CLUSTER_HEALTH.timeoutMs);
    // Out-of-range values are reported by the schema; comparing them would only add noise.
    if (typeof interval !== 'number' || typeof timeout !== 'number' || !withinLimit(interval * 1000, CLUSTER_HEALTH_LIMITS.intervalMs) || !withinLimit(timeout * 1000, CLUSTER_HEALTH_LIMITS.timeoutMs)) continue;
    if (timeout < interval) continue;
    if (path[0] !== 'defaults' && !('interval' in layer) && !('timeout' in layer)) continue;
    const field = 'timeout' in layer ? 'timeout' : 'interval';
    problems.error([...path, field], field === 'timeout' ? `${timeout} must be shorter than interval (${interval} seconds)` : `${interval} must be longer than timeout (${timeout} seconds)`);
  }
}

/** Above this many services a config is legal but slow to start and heavy on processes; `config validate` says so. */
export const LARGE_CONFIG_SERVICES = 500;

/** Warnings, not errors: local ports that need privileges, and configs large enough to strain a laptop. */
export function checkScale(raw: Raw, problems: ProblemCollector): void {
  const services = rawServices(raw);
  for (const { index, service } of services) {
    const port = service['local_port'];
    if (typeof port === 'number' && Number.isInteger(port) && port >= 1 && port < 1024) {
      problems.warning(['services', index, 'local_port'], `${port} is below 1024; binding it needs root or CAP_NET_BIND_SERVICE, so the service will fail to start as a normal user`);
    }
  }
  if (services.length > LARGE_CONFIG_SERVICES) {
    problems.warning(['services'], `${services.length} services (more than ${LARGE_CONFIG_SERVICES}): starting them all launches as many tunnel processes; consider splitting the file or using tags to start what you need`);
  }
}

import { z } from 'zod';
import { TECHNOLOGIES } from '../technologies';
import { HealthCheckModule } from '../health/health-check-module';
import { TechnologyModule } from '../technology/technology';
import { ConfigPath } from './config-document';
import { ProblemCollector } from './config-problems';
import { mergeHealthLayers, ResolvedCheckType } from './health-check.mapper';
import { rawServices } from './config-cross-checks';
import { KeySuggester, SchemaPair, schemaPair, validate } from './zod-issues';

type Raw = Readonly<Record<string, unknown>>;
const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

const configPairs = new Map<HealthCheckModule, SchemaPair<z.ZodType>>();
const configPair = (h: HealthCheckModule) => configPairs.get(h) ?? configPairs.set(h, schemaPair((obj) => h.configSchema(obj))).get(h)!;

/** A service's `connection`, validated by its technology's schema fragment. */
export interface CheckedConnection {
  readonly technology: TechnologyModule;
  readonly data: unknown;
}

const connectionPairs = new Map<TechnologyModule, SchemaPair<z.ZodType>>();
const connectionPair = (t: TechnologyModule) => connectionPairs.get(t) ?? connectionPairs.set(t, schemaPair((obj) => t.connectionSchema(obj))).get(t)!;

/**
 * Checks each service's `connection` against the schema fragment of its technology (an unknown technology is
 * reported by the file schema), and that the remote port is known: `remote_port`, or the connection's own.
 */
export function checkConnections(raw: Raw, problems: ProblemCollector, suggest: KeySuggester): Map<number, CheckedConnection> {
  const out = new Map<number, CheckedConnection>();
  for (const { index, service } of rawServices(raw)) {
    const technology = typeof service['technology'] === 'string' ? TECHNOLOGIES.get(service['technology'].toLowerCase()) : undefined;
    const base: ConfigPath = ['services', index, 'connection'];
    const data = technology && isRecord(service['connection']) ? validate(connectionPair(technology), service['connection'], problems, (p) => [...base, ...p], suggest) : undefined;
    if (technology && data !== undefined) out.set(index, { technology, data });
    const ownPort = technology?.remotePort && data !== undefined ? technology.remotePort(data) : undefined;
    const portNamed = technology?.remotePort && isRecord(service['connection']) && service['connection']['port'] !== undefined;
    if (service['remote_port'] === undefined && ownPort === undefined && !portNamed) problems.error(['services', index, 'remote_port'], 'is required');
  }
  return out;
}

export interface CheckedHealthConfig {
  readonly resolved: ResolvedCheckType;
  readonly config: unknown;
}

/**
 * Checks `health_check.config` of `defaults` and of each service after merging it over the defaults,
 * against the schema of the resulting type. A problem is placed where the offending key is written.
 */
export function checkHealthConfigs(raw: Raw, problems: ProblemCollector, suggest: KeySuggester): Map<number, CheckedHealthConfig> {
  const defaults = isRecord(raw['defaults']) && isRecord(raw['defaults']['health_check']) ? raw['defaults']['health_check'] : undefined;
  const defaultsMerged = mergeHealthLayers({ defaults });
  if (defaultsMerged) {
    validate(configPair(defaultsMerged.resolved.module), defaultsMerged.config, problems, (p) => ['defaults', 'health_check', 'config', ...p], suggest);
  }
  const out = new Map<number, CheckedHealthConfig>();
  for (const { index, service } of rawServices(raw)) {
    const own = service['health_check'];
    if (own !== undefined && own !== null && !isRecord(own)) continue;
    const merged = mergeHealthLayers({ service: own ?? undefined, defaults });
    if (!merged) continue;
    const where = (p: ConfigPath): ConfigPath =>
      merged.configFrom(String(p[0])) === 'defaults' ? ['defaults', 'health_check', 'config', ...p] : ['services', index, 'health_check', 'config', ...p];
    const config = validate(configPair(merged.resolved.module), merged.config, problems, where, suggest);
    if (config) out.set(index, { resolved: merged.resolved, config });
  }
  return out;
}

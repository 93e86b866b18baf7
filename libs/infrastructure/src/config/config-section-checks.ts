import { z } from 'zod';
import { HealthCheckModule } from '../health/health-check-module';
import { TECHNOLOGIES } from '../technologies';
import { TechnologyModule } from '../technology/technology';
import { ConfigPath } from './config-document';
import { ProblemCollector } from './config-problems';
import { mergeHealthLayers, ResolvedCheckType } from './health-check.mapper';
import { rawServices } from './config-cross-checks';
import { KeySuggester, SchemaPair, schemaPair, validate } from './zod-issues';

type Raw = Readonly<Record<string, unknown>>;
const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Builds each schema once per check of a config, and lets it go afterwards (an idle daemon keeps no schemas). */
function perCheck<K, V>(build: (key: K) => V): (key: K) => V {
  const built = new Map<K, V>();
  return (key) => built.get(key) ?? built.set(key, build(key)).get(key)!;
}

/**
 * A service's remote port must be known: `remote_port`, or the port its technology reads from the connection
 * (an unknown technology or a wrong connection is reported by the file schema; this only asks for the port).
 */
export function checkRemotePorts(raw: Raw, problems: ProblemCollector): void {
  const looseConnection = perCheck((t: TechnologyModule) => t.connectionSchema(z.object));
  for (const { index, service } of rawServices(raw)) {
    if (service['remote_port'] !== undefined) continue;
    const technology = typeof service['technology'] === 'string' ? TECHNOLOGIES.get(service['technology'].toLowerCase()) : undefined;
    const connection = service['connection'];
    if (technology?.remotePort && isRecord(connection)) {
      if (connection['port'] !== undefined) continue;
      const data = looseConnection(technology).safeParse(connection);
      if (data.success && technology.remotePort(data.data) !== undefined) continue;
    }
    problems.error(['services', index, 'remote_port'], 'is required');
  }
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
  const configPair = perCheck((h: HealthCheckModule): SchemaPair<z.ZodType> => schemaPair((obj) => h.configSchema(obj)));
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

import { z } from 'zod';
import { ConfigPath } from './config-document';
import { kubectlConnectionSchema, KubectlConnectionData, sshConnectionSchema, SshConnectionData } from './config-file.schema';
import { ProblemCollector } from './config-problems';
import { HEALTH_CONFIG_SCHEMAS } from './health-check-config.schema';
import { mergeHealthLayers, ResolvedCheckType } from './health-check.mapper';
import { rawServices } from './config-cross-checks';
import { KeySuggester, SchemaPair, schemaPair, validate } from './zod-issues';

type Raw = Readonly<Record<string, unknown>>;
const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

const kubectlPair = schemaPair(kubectlConnectionSchema);
const sshPair = schemaPair(sshConnectionSchema);
type HealthConfigData = z.output<ReturnType<(typeof HEALTH_CONFIG_SCHEMAS)[keyof typeof HEALTH_CONFIG_SCHEMAS]>>;
const configPairs: Readonly<Record<keyof typeof HEALTH_CONFIG_SCHEMAS, SchemaPair<z.ZodType<HealthConfigData>>>> = {
  tcp: schemaPair(HEALTH_CONFIG_SCHEMAS.tcp),
  http: schemaPair(HEALTH_CONFIG_SCHEMAS.http),
  postgres: schemaPair(HEALTH_CONFIG_SCHEMAS.postgres),
  kafka: schemaPair(HEALTH_CONFIG_SCHEMAS.kafka),
};

export type ConnectionData = ({ technology: 'kubectl' } & KubectlConnectionData) | ({ technology: 'ssh' } & SshConnectionData);

/** Checks each service's `connection` against the schema of its technology. */
export function checkConnections(raw: Raw, problems: ProblemCollector, suggest: KeySuggester): Map<number, ConnectionData> {
  const out = new Map<number, ConnectionData>();
  for (const { index, service } of rawServices(raw)) {
    const technology = typeof service['technology'] === 'string' ? service['technology'].toLowerCase() : undefined;
    if (!isRecord(service['connection']) || (technology !== 'kubectl' && technology !== 'ssh')) continue;
    const base: ConfigPath = ['services', index, 'connection'];
    const at = (p: ConfigPath) => [...base, ...p];
    if (technology === 'kubectl') {
      const data = validate(kubectlPair, service['connection'], problems, at, suggest);
      if (data) out.set(index, { technology, ...data });
    } else {
      const data = validate(sshPair, service['connection'], problems, at, suggest);
      if (data) out.set(index, { technology, ...data });
    }
  }
  return out;
}

export interface CheckedHealthConfig {
  readonly resolved: ResolvedCheckType;
  readonly config: HealthConfigData;
}

/**
 * Checks `health_check.config` of `defaults` and of each service after merging it over the defaults,
 * against the schema of the resulting type. A problem is placed where the offending key is written.
 */
export function checkHealthConfigs(raw: Raw, problems: ProblemCollector, suggest: KeySuggester): Map<number, CheckedHealthConfig> {
  const defaults = isRecord(raw['defaults']) && isRecord(raw['defaults']['health_check']) ? raw['defaults']['health_check'] : undefined;
  const defaultsMerged = mergeHealthLayers({ defaults });
  if (defaultsMerged) {
    validate(configPairs[defaultsMerged.resolved.type], defaultsMerged.config, problems, (p) => ['defaults', 'health_check', 'config', ...p], suggest);
  }
  const out = new Map<number, CheckedHealthConfig>();
  for (const { index, service } of rawServices(raw)) {
    const own = service['health_check'];
    if (own !== undefined && own !== null && !isRecord(own)) continue;
    const merged = mergeHealthLayers({ service: own ?? undefined, defaults });
    if (!merged) continue;
    const where = (p: ConfigPath): ConfigPath =>
      merged.configFrom(String(p[0])) === 'defaults' ? ['defaults', 'health_check', 'config', ...p] : ['services', index, 'health_check', 'config', ...p];
    const config = validate(configPairs[merged.resolved.type], merged.config, problems, where, suggest);
    if (config) out.set(index, { resolved: merged.resolved, config });
  }
  return out;
}

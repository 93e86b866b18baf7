import { TECHNOLOGIES } from '../technologies';
import { ConfigDocument } from './config-document';
import { checkClusterTiming, checkDuplicates, checkScale, rawServices } from './config-cross-checks';
import { ConfigFileData, configFileSchema } from './config-file.schema';
import { ProblemCollector } from './config-problems';
import { CheckedHealthConfig, checkHealthConfigs, checkRemotePorts } from './config-section-checks';
import { RawConfig } from './config-values.stage';
import { suggestKey } from './known-keys';
import { CheckedConnection } from './service-connection.schema';
import { schemaPair, validate } from './zod-issues';

/** A config that passed validation: the file's data, plus each service's technology with its connection data and its health-check config. */
export interface ValidatedConfig {
  readonly data: ConfigFileData;
  readonly connections: ReadonlyMap<number, CheckedConnection>;
  readonly health: ReadonlyMap<number, CheckedHealthConfig>;
}

/**
 * Stage 4, validate: one schema, the file's composed with each technology's `connection` fragment; then the
 * rules across fields and services (a known remote port, each `health_check.config` against its check type's
 * once merged over the defaults, duplicates, timing, scale). Every problem is reported at once; undefined when there was any error.
 */
export function validateConfig(raw: RawConfig, doc: ConfigDocument, problems: ProblemCollector): ValidatedConfig | undefined {
  // Built for each load, not kept: the schema trees (two per schema, each with the technologies' fragments) were
  // a quarter of an idle daemon's JS heap, and a load builds them in about a millisecond.
  const data = validate(schemaPair(configFileSchema), raw, problems, (p) => p, suggestKey);
  checkRemotePorts(raw, problems);
  const health = checkHealthConfigs(raw, problems, suggestKey);
  checkDuplicates(raw, problems, (i) => doc.lineOf(['services', i]));
  checkClusterTiming(raw, problems);
  checkScale(raw, problems);
  if (raw['version'] === undefined) problems.warning([], 'has no `version`; assuming "1.0"', 1);
  if (rawServices(raw).length === 0 && problems.errors.length === 0) problems.warning(['services'], 'no services are defined');
  if (!data || problems.errors.length > 0) return undefined;
  const connections = new Map((data.services ?? []).map((s, index) => [index, { technology: TECHNOLOGIES.get(s.technology)!, data: s.connection }]));
  return { data, connections, health };
}

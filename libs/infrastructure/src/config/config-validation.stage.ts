import { ConfigDocument } from './config-document';
import { checkClusterTiming, checkDuplicates, checkScale, rawServices } from './config-cross-checks';
import { ConfigFileData, configFileSchema } from './config-file.schema';
import { ProblemCollector } from './config-problems';
import { CheckedConnection, CheckedHealthConfig, checkConnections, checkHealthConfigs } from './config-section-checks';
import { RawConfig } from './config-values.stage';
import { suggestKey } from './known-keys';
import { schemaPair, validate } from './zod-issues';

/** A config that passed validation: the file's data, plus each service's connection and health-check config checked by their own fragments. */
export interface ValidatedConfig {
  readonly data: ConfigFileData;
  readonly connections: ReadonlyMap<number, CheckedConnection>;
  readonly health: ReadonlyMap<number, CheckedHealthConfig>;
}

const filePair = schemaPair(configFileSchema);

/**
 * Stage 4, validate: the file schema, then each `connection` against its technology's fragment and each
 * `health_check.config` against its check type's, then the rules across services. Every problem is
 * reported at once; undefined when there was any error.
 */
export function validateConfig(raw: RawConfig, doc: ConfigDocument, problems: ProblemCollector): ValidatedConfig | undefined {
  const data = validate(filePair, raw, problems, (p) => p, suggestKey);
  const connections = checkConnections(raw, problems, suggestKey);
  const health = checkHealthConfigs(raw, problems, suggestKey);
  checkDuplicates(raw, problems, (i) => doc.lineOf(['services', i]));
  checkClusterTiming(raw, problems);
  checkScale(raw, problems);
  if (raw['version'] === undefined) problems.warning([], 'has no `version`; assuming "1.0"', 1);
  if (rawServices(raw).length === 0 && problems.errors.length === 0) problems.warning(['services'], 'no services are defined');
  if (!data || problems.errors.length > 0) return undefined;
  return { data, connections, health };
}

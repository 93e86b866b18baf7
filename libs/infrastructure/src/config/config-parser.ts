import { homedir as osHomedir } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError, ConfigProblem, LoadedConfig } from '@localport/application';
import { err, ok, Result } from '@localport/domain';
import { ConfigProvenance } from './config-document';
import { readConfigText } from './config-file-reader';
import { mapToDomain } from './config-mapping.stage';
import { ProblemCollector } from './config-problems';
import { substituteStage } from './config-substitution.stage';
import { validateConfig } from './config-validation.stage';
import { toPlainValues } from './config-values.stage';
import { parseYaml } from './config-yaml.stage';
import { InvalidConfigError } from './config.errors';
import { readCurrentKubeContext } from './kubeconfig-current-context';
import { ObservabilitySettings, toObservability } from './observability.schema';

/** A loaded config plus what `config validate` and `config show` need besides the domain value. */
export interface LoadedConfigFile extends LoadedConfig {
  readonly warnings: ConfigProblem[];
  readonly provenance: ConfigProvenance;
  /** Log rotation and metrics (read by the daemon at start). */
  readonly observability: ObservabilitySettings;
}

export interface ParseOptions {
  /** For `~` in `key_file` and `~/.kube/config`; defaults to $HOME, then the OS's idea of home. */
  readonly homedir?: string;
  /** The kubeconfig's current context, for services that name none; default: read from KUBECONFIG or ~/.kube/config. */
  readonly currentKubeContext?: () => string | null;
  /**
   * `error` (default): an unset `${VAR}` without default makes the file invalid. `keep`: for commands that
   * do not use the values (`logs`, `config show`, offline `status`), the value keeps `${VAR}` as written and
   * the unset variable is a warning, unless the file is invalid anyway.
   */
  readonly unsetVariables?: 'error' | 'keep';
}

/** Reads and parses a config file; a missing file is CONFIG.NOT_FOUND, an unreadable one CONFIG.UNREADABLE. */
export async function loadConfigFile(path: string, env: NodeJS.ProcessEnv, options: ParseOptions = {}): Promise<Result<LoadedConfigFile, ConfigError>> {
  const text = await readConfigText(path);
  return text.ok ? parseConfigText(text.value, path, env, options) : text;
}

/**
 * Parses LocalPort YAML in a straight line: parse → substitute `${VAR}` into values → plain values →
 * validate → map to the domain. Every problem is reported at once, each with its line, service and field.
 */
export function parseConfigText(text: string, file: string, env: NodeJS.ProcessEnv, options: ParseOptions = {}): Result<LoadedConfigFile, ConfigError> {
  const problems = new ProblemCollector(file);
  const doc = parseYaml(text, problems);
  substituteStage(doc, env, problems, options.unsetVariables);
  if (doc.doc.errors.length > 0) return failed(problems);
  const raw = toPlainValues(doc, problems);
  if (!raw) return failed(problems);
  const validated = validateConfig(raw, doc, problems);
  if (!validated) return failed(problems);
  const home = options.homedir ?? env['HOME'] ?? osHomedir();
  const config = mapToDomain(raw, validated, problems, { file, homedir: home, currentKubeContext: options.currentKubeContext ?? (() => readCurrentKubeContext(env, home)) });
  // A kept `${VAR}` that a later stage could not use (its errors muted) fails the file, naming the variable.
  if (!config || problems.hadMutedErrors) return failed(problems);
  problems.settle(false);
  return ok({ config, path: resolve(file), warnings: problems.sorted(problems.warnings), provenance: doc, observability: toObservability(validated.data) });
}

function failed(problems: ProblemCollector): Result<never, ConfigError> {
  problems.settle(true);
  return err(new InvalidConfigError(problems.sorted(problems.errors), problems.sorted(problems.warnings)));
}

import { readFile } from 'node:fs/promises';
import { homedir as osHomedir } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError, ConfigProblem, LoadedConfig } from '@localport/application';
import { createService, err, LocalportConfig, ok, Result, Service } from '@localport/domain';
import { buildClusterHealth } from './cluster-health.mapper';
import { ConfigDocument, ConfigPath, ConfigProvenance } from './config-document';
import { checkClusterTiming, checkDuplicates, rawServices } from './config-cross-checks';
import { configFileSchema } from './config-file.schema';
import { ProblemCollector } from './config-problems';
import { checkConnections, checkHealthConfigs } from './config-section-checks';
import { InvalidConfigError } from './config.errors';
import { substituteEnv } from './env-substitution';
import { suggestKey } from './known-keys';
import { ObservabilitySettings, toObservability } from './observability.schema';
import { toServiceInput } from './service.mapper';
import { schemaPair, validate } from './zod-issues';

/** A loaded config plus what `config validate` and `config show` need besides the domain value. */
export interface LoadedConfigFile extends LoadedConfig {
  readonly warnings: ConfigProblem[];
  readonly provenance: ConfigProvenance;
  /** Log rotation and metrics (read by the daemon at start). */
  readonly observability: ObservabilitySettings;
}

export interface ParseOptions {
  /** For `~` in `key_file`; defaults to $HOME, then the OS's idea of home. */
  readonly homedir?: string;
}

const filePair = schemaPair(configFileSchema);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads and parses a config file; a missing file is CONFIG.NOT_FOUND, an unreadable one CONFIG.UNREADABLE. */
export async function loadConfigFile(path: string, env: NodeJS.ProcessEnv, options: ParseOptions = {}): Promise<Result<LoadedConfigFile, ConfigError>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return err(new ConfigError('CONFIG.NOT_FOUND', `${path}: no such file`, [{ file: path, message: 'no such file' }], { cause }));
    return err(new ConfigError('CONFIG.UNREADABLE', `${path}: cannot read (${code ?? (cause as Error).message})`, [{ file: path, message: `cannot read (${code})` }], { cause }));
  }
  return parseConfigText(text, path, env, options);
}

/**
 * Parses LocalPort YAML: env substitution, YAML, schema, cross-field rules, then domain values with
 * defaults applied. Every problem is reported at once, each with its line, service and field.
 */
export function parseConfigText(text: string, file: string, env: NodeJS.ProcessEnv, options: ParseOptions = {}): Result<LoadedConfigFile, ConfigError> {
  const substituted = substituteEnv(text, env);
  const doc = ConfigDocument.parse(substituted, text);
  const converted = doc.doc.errors.length === 0 ? toPlain(doc) : { raw: undefined };
  const raw = converted.raw;
  const problems = new ProblemCollector(file, doc, raw);
  if (converted.error) problems.errorAtLine(converted.error.line, `YAML error: ${converted.error.message}`);
  for (const u of substituted.unset) {
    const line = doc.lineOfSource(u.sourceOffset);
    problems.errorAtLine(line, `environment variable ${u.variable} is not set (write \${${u.variable}:default} to give a default)`);
    problems.mute(line);
  }
  for (const e of doc.doc.errors) {
    const message = e.code === 'MULTIPLE_DOCS' ? 'the file holds more than one YAML document (---); LocalPort reads exactly one' : e.message.split('\n')[0];
    problems.errorAtLine(doc.lineAt(e.pos[0]), `YAML syntax error: ${message}`);
  }
  if (doc.doc.errors.length > 0 || converted.error) return failed(problems);
  if (raw === null || raw === undefined) {
    problems.errorAtLine(undefined, 'the file is empty; expected a mapping with `version` and `services`');
    return failed(problems);
  }
  if (!isRecord(raw)) {
    problems.errorAtLine(doc.lineOf([]), `the document must be a mapping with \`version\` and \`services\`, not ${Array.isArray(raw) ? 'a list' : 'a single value'}`);
    return failed(problems);
  }
  restoreWrittenText(raw, doc);
  const data = validate(filePair, raw, problems, (p) => p, suggestKey);
  const connections = checkConnections(raw, problems, suggestKey);
  const healthConfigs = checkHealthConfigs(raw, problems, suggestKey);
  checkDuplicates(raw, problems, (i) => doc.lineOf(['services', i]));
  checkClusterTiming(raw, problems);
  if (raw['version'] === undefined) problems.warning([], 'has no `version`; assuming "1.0"', 1);
  if (rawServices(raw).length === 0 && problems.errors.length === 0) problems.warning(['services'], 'no services are defined');
  if (!data || problems.errors.length > 0) return failed(problems);

  const services: Service[] = [];
  for (const [index, service] of (data.services ?? []).entries()) {
    const connection = connections.get(index);
    if (!connection) continue;
    const input = toServiceInput(service, connection, healthConfigs.get(index), {
      file,
      homedir: options.homedir ?? env['HOME'] ?? osHomedir(),
      defaults: data.defaults,
      warn: (field, message) => problems.warning(['services', index, ...field.split('.')], message),
    });
    const built = createService(input);
    if (built.ok) services.push(built.value);
    else for (const v of built.error.violations) problems.error(['services', index, ...v.field.split('.')], v.message);
  }
  if (problems.errors.length > 0) return failed(problems);
  const config: LocalportConfig = {
    version: String(raw['version'] ?? '1.0'),
    services,
    clusterHealth: buildClusterHealth(data.defaults?.cluster_health, data.cluster_contexts),
  };
  return ok({ config, path: resolve(file), warnings: problems.sorted(problems.warnings), provenance: doc, observability: toObservability(data) });
}

/** The document as plain data; aliases to undefined anchors and alias bombs only show up here. */
function toPlain(doc: ConfigDocument): { raw: unknown; error?: { message: string; line?: number } } {
  try {
    return { raw: doc.doc.toJS({ maxAliasCount: 10_000 }) };
  } catch (cause) {
    const message = (cause as Error).message;
    const anchor = /: (\S+)$/.exec(message)?.[1];
    const at = anchor ? doc.text.indexOf(`*${anchor}`) : -1;
    return { raw: undefined, error: { message, ...(at >= 0 ? { line: doc.lineAt(at) } : {}) } };
  }
}

function failed(problems: ProblemCollector): Result<never, ConfigError> {
  return err(new InvalidConfigError(problems.sorted(problems.errors), problems.sorted(problems.warnings)));
}

/** YAML reads `password: 0123` as the number 123 and `version: 1.0` as 1; take such values as written. */
function restoreWrittenText(raw: Record<string, unknown>, doc: ConfigDocument): void {
  const paths: ConfigPath[] = [['version'], ['defaults', 'health_check', 'config', 'password']];
  for (const { index } of rawServices(raw)) {
    paths.push(['services', index, 'connection', 'password'], ['services', index, 'health_check', 'config', 'password']);
  }
  for (const path of paths) {
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (isRecord(node) ? node[key as string] : Array.isArray(node) ? node[key as number] : undefined), raw);
    const key = path[path.length - 1] as string;
    if (isRecord(parent) && typeof parent[key] === 'number') parent[key] = doc.sourceText(path) ?? String(parent[key]);
  }
}

import { ConfigDocument, ConfigPath } from './config-document';
import { ProblemCollector } from './config-problems';

export type RawConfig = Record<string, unknown>;
const isRecord = (v: unknown): v is RawConfig => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The document as plain data (merge keys and aliases resolved; alias bombs and aliases to undefined anchors
 * only show up here), or undefined after reporting why it is not a config mapping.
 */
export function toPlainValues(doc: ConfigDocument, problems: ProblemCollector): RawConfig | undefined {
  let raw: unknown;
  try {
    raw = doc.doc.toJS({ maxAliasCount: 10_000 });
  } catch (cause) {
    const message = (cause as Error).message;
    const anchor = /: (\S+)$/.exec(message)?.[1];
    const at = anchor ? doc.text.indexOf(`*${anchor}`) : -1;
    problems.errorAtLine(at >= 0 ? doc.lineAt(at) : undefined, `YAML error: ${message}`);
    return undefined;
  }
  if (raw === null || raw === undefined) {
    problems.errorAtLine(undefined, 'the file is empty; expected a mapping with `version` and `services`');
    return undefined;
  }
  if (!isRecord(raw)) {
    problems.errorAtLine(doc.lineOf([]), `the document must be a mapping with \`version\` and \`services\`, not ${Array.isArray(raw) ? 'a list' : 'a single value'}`);
    return undefined;
  }
  restoreWrittenText(raw, doc);
  problems.useValues(raw);
  return raw;
}

/** YAML reads `password: 0123` as the number 123 and `version: 1.0` as 1; take such values as written. */
function restoreWrittenText(raw: RawConfig, doc: ConfigDocument): void {
  const paths: ConfigPath[] = [['version'], ['defaults', 'health_check', 'config', 'password']];
  const services = Array.isArray(raw['services']) ? (raw['services'] as unknown[]) : [];
  services.forEach((_s, index) => paths.push(['services', index, 'connection', 'password'], ['services', index, 'health_check', 'config', 'password']));
  for (const path of paths) {
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (isRecord(node) ? node[key as string] : Array.isArray(node) ? node[key as number] : undefined), raw);
    const key = path[path.length - 1] as string;
    if (isRecord(parent) && typeof parent[key] === 'number') parent[key] = doc.sourceText(path) ?? String(parent[key]);
  }
}

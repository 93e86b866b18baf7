import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The names a shell completes from the config: services, tags and kubectl contexts. */
export interface ConfigNames {
  readonly services: readonly string[];
  readonly tags: readonly string[];
  readonly contexts: readonly string[];
}

export const NO_NAMES: ConfigNames = { services: [], tags: [], contexts: [] };

const VAR = /\$\{([^}:]+)(?::([^}]*))?\}/g;
/** Stands for an unset variable: plain YAML anywhere (unlike `${VAR}` in a flow map), and easy to leave out. */
const UNSET = '__localport_unset_variable__';
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' && !v.includes(UNSET) ? v : typeof v === 'number' ? String(v) : null);
const unique = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))].sort();

/**
 * Reads names from the config file for completion: leniently, without the daemon, without validating.
 * `${VAR}`/`${VAR:default}` take the environment's value or the default; a value built from an unset
 * `${VAR}` is left out instead of failing. An unreadable or broken file gives no names.
 */
export function readConfigNames(path: string | null, env: NodeJS.ProcessEnv): ConfigNames {
  if (path === null) return NO_NAMES;
  let doc: unknown;
  try {
    const source = readFileSync(path, 'utf8').replace(VAR, (_whole, name: string, fallback?: string) => env[name] ?? fallback ?? UNSET);
    doc = parse(source, { merge: true });
  } catch {
    return NO_NAMES;
  }
  const services = Array.isArray((doc as { services?: unknown })?.services) ? ((doc as { services: unknown[] }).services.filter((s) => typeof s === 'object' && s !== null) as Record<string, unknown>[]) : [];
  const connection = (s: Record<string, unknown>) => (typeof s.connection === 'object' && s.connection !== null ? (s.connection as Record<string, unknown>) : {});
  return {
    services: unique(services.map((s) => text(s.name))),
    tags: unique(services.flatMap((s) => (Array.isArray(s.tags) ? s.tags.map(text) : []))),
    contexts: unique(services.map((s) => text(connection(s).context))),
  };
}

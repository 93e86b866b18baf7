import { LocalportConfig } from '@localport/domain';
import { SECRET_KEY_PATTERN } from './redact-constants';
import { secretsInUrl } from './redact-url';

/** Secrets shorter than this are not masked in free text: `***` in place of every `a` would ruin a log. */
const MIN_SECRET_LENGTH = 3;
const MAX_DEPTH = 12;

/**
 * Every secret value in a loaded config, for the logger's redaction list: values of secret-named fields
 * (passwords, tokens, `Authorization` headers, including values substituted from `${VAR}`s), the bearer part of
 * an authorization header, and credentials inside URLs (userinfo, secret query parameters).
 */
export function secretsOfConfig(config: LocalportConfig): string[] {
  const found = new Set<string>();
  walk(config, null, found, 0);
  return [...found].filter((s) => s.length >= MIN_SECRET_LENGTH);
}

function walk(value: unknown, key: string | null, found: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH || value === null || value === undefined) return;
  if (typeof value === 'string' || typeof value === 'number') {
    const text = String(value);
    if (key !== null && SECRET_KEY_PATTERN.test(key)) {
      found.add(text);
      // `Bearer abc…` / `Basic abc…`: the credential may be printed without its scheme.
      const space = text.indexOf(' ');
      if (space > 0) found.add(text.slice(space + 1).trim());
    }
    if (typeof value === 'string' && value.includes('://')) for (const s of secretsInUrl(value)) found.add(s);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) walk(item, key, found, depth + 1);
    return;
  }
  if (typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k, found, depth + 1);
}

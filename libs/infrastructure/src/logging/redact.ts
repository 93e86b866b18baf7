import { REDACTED, SECRET_KEY_PATTERN } from './redact-constants';
import { redactUrlsIn } from './redact-url';

export { REDACTED, SECRET_KEY_PATTERN };

const MAX_DEPTH = 8;

/**
 * Returns a JSON-safe copy of `value` with every secret-named key (at any depth) replaced by `***`.
 * Errors become `{ name, message, code? }`, bigints strings, cycles `[circular]`; `secrets` are masked in strings.
 */
export function redactFields(value: unknown, secrets: readonly string[] = []): unknown {
  return copy(value, secrets, new WeakSet<object>(), 0);
}

/** Replaces every occurrence of each (non-empty) secret in `text`, and URL credentials (see redactUrl), with `***`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = redactUrlsIn(text);
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join(REDACTED);
  return out;
}

function copy(value: unknown, secrets: readonly string[], seen: WeakSet<object>, depth: number): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  try {
    if (tagOf(value) === 'Date') return Number.isNaN((value as Date).getTime()) ? null : (value as Date).toISOString();
    if (Array.isArray(value)) return value.map((v) => copy(v, secrets, seen, depth + 1) ?? null);
    const source = tagOf(value) === 'Error' ? errorFields(value as Error) : (value as Record<string, unknown>);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(source)) {
      if (SECRET_KEY_PATTERN.test(key)) out[key] = REDACTED;
      else {
        const v = copy(source[key], secrets, seen, depth + 1);
        if (v !== undefined) out[key] = v;
      }
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function errorFields(error: Error): Record<string, unknown> {
  const fields: Record<string, unknown> = { name: error.name, message: error.message };
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) fields['code'] = code;
  if (error.cause !== undefined) fields['cause'] = error.cause;
  return fields;
}

/** `Error`/`Date` by their built-in tag, which (unlike `instanceof`) also holds across realms. */
function tagOf(value: object): string {
  return Object.prototype.toString.call(value).slice(8, -1);
}

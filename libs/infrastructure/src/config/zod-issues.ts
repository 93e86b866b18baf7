import { z } from 'zod';
import { ConfigPath } from './config-document';
import { ProblemCollector } from './config-problems';
import { ObjectFactory, show, strictFactory } from './schema-primitives';

const KINDS: Readonly<Record<string, string>> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
};

/** Messages in the house style: they start with the value or a verb, because the field name precedes them. */
export const configErrorMap: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return 'is required';
      if (iss.input === null) return `is empty; expected ${KINDS[iss.expected] ?? iss.expected}`;
      return `must be ${KINDS[iss.expected] ?? iss.expected}, got ${show(iss.input)}`;
    case 'invalid_value': {
      const values = iss.values.map(String).join(', ');
      return typeof iss.input === 'string' ? `${show(iss.input)} is not one of ${values}` : `must be one of ${values}, got ${show(iss.input)}`;
    }
    case 'too_small':
      return iss.origin === 'string' ? 'must not be empty' : iss.origin === 'array' ? 'must not be empty' : undefined;
    default:
      return undefined;
  }
};

/** A schema built twice: strictly, to report unknown keys; loosely, to return the data once only unknown keys remain. */
export interface SchemaPair<T extends z.ZodType> {
  readonly strict: T;
  readonly strip: T;
}

export const schemaPair = <T extends z.ZodType>(build: (obj: ObjectFactory) => T): SchemaPair<T> => ({ strict: build(strictFactory), strip: build(z.object) });

/** Suggests a known key for a misspelt one. */
export type KeySuggester = (key: string) => string | undefined;

/**
 * Validates `value`; errors and unknown-key warnings go to `problems` at `where(issuePath)`.
 * Returns the data when there was no error.
 */
export function validate<T extends z.ZodType>(
  pair: SchemaPair<T>,
  value: unknown,
  problems: ProblemCollector,
  where: (issuePath: ConfigPath) => ConfigPath,
  suggest: KeySuggester = () => undefined,
): z.output<T> | undefined {
  const strict = pair.strict.safeParse(value, { error: configErrorMap });
  if (strict.success) return strict.data;
  let errors = 0;
  for (const issue of strict.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const hint = suggest(key);
        problems.warning(where([...path, key]), `is not a known setting and is ignored${hint ? ` (did you mean ${hint}?)` : ''}`);
      }
    } else {
      errors++;
      problems.error(where(path), issue.message);
    }
  }
  if (errors > 0) return undefined;
  const loose = pair.strip.safeParse(value);
  return loose.success ? loose.data : undefined;
}

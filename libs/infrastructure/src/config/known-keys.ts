import { z } from 'zod';
import { HEALTH_CHECKS } from '../health-checks';
import { TECHNOLOGIES } from '../technologies';
import { configFileSchema } from './config-file.schema';
import { KeySuggester } from './zod-issues';

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType; valueType?: z.ZodType; options?: z.ZodType[]; in?: z.ZodType; out?: z.ZodType };

/** Every object key a schema knows, at any depth. */
function collectKeys(schema: z.ZodType, into: Set<string>, depth = 0): Set<string> {
  if (depth > 12) return into;
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  const children: (z.ZodType | undefined)[] = [def.innerType, def.element, def.valueType, def.in, def.out, ...(def.options ?? [])];
  for (const [key, child] of Object.entries(def.shape ?? {})) {
    into.add(key);
    children.push(child);
  }
  for (const child of children) if (child) collectKeys(child, into, depth + 1);
  return into;
}

let known: readonly string[] | undefined;

/** Every key the schemas know, collected on the first misspelt key; the schemas are not kept. */
function knownKeys(): readonly string[] {
  if (known) return known;
  const schemas = [configFileSchema(z.object), ...TECHNOLOGIES.modules.map((t) => t.connectionSchema(z.object)), ...HEALTH_CHECKS.modules.map((h) => h.configSchema(z.object))];
  return (known = [...schemas.reduce((keys, s) => collectKeys(s, keys), new Set<string>())]);
}

/** The known key closest to a misspelt one (edit distance at most 2), if any. */
export const suggestKey: KeySuggester = (key) => {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of knownKeys()) {
    // The distance is at least the length difference: a 70 KB key must not cost a 70 KB × N table per candidate.
    if (Math.abs(key.length - candidate.length) > 2) continue;
    const distance = editDistance(key.toLowerCase(), candidate);
    if (distance <= 2 && distance < key.length / 2 && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
};

/** Optimal string alignment distance: edits plus swaps of neighbouring letters (`hots` -> `host` is 1). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

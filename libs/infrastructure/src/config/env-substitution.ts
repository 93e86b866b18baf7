import { CST, Lexer } from 'yaml';

/** One `${...}` replaced in the text. Offsets are into the substituted text. */
export interface Substitution {
  readonly variable: string;
  /** True when the value came from the environment, false when the default in the file was used. */
  readonly fromEnv: boolean;
  readonly start: number;
  readonly end: number;
  readonly sourceStart: number;
  readonly sourceEnd: number;
}

/** A `${VAR}` with no default whose variable is not set; left in the text as written. */
export interface UnsetVariable {
  readonly variable: string;
  readonly sourceOffset: number;
}

/** The text after substitution, with enough bookkeeping to map positions back to the file. */
export interface SubstitutedText {
  readonly text: string;
  readonly substitutions: readonly Substitution[];
  readonly unset: readonly UnsetVariable[];
  /** Maps an offset in `text` to the offset in the original file (inside a replacement: its `${`). */
  sourceOffset(offset: number): number;
}

const PATTERN = /\$\{([^}:]+)(?::([^}]*))?\}/g;

/**
 * LocalPort's substitution on the raw text: `${VAR}`, or `${VAR:default}` (single colon; the default
 * is used only when VAR is unset, an empty VAR stays empty). Comments are left alone. Inside quoted
 * scalars the value is escaped so it cannot break out of its quotes.
 */
export function substituteEnv(source: string, env: NodeJS.ProcessEnv): SubstitutedText {
  const regions = lexicalRegions(source);
  const substitutions: Substitution[] = [];
  const unset: UnsetVariable[] = [];
  let text = '';
  let last = 0;
  for (const match of source.matchAll(PATTERN)) {
    const at = match.index ?? 0;
    const region = regions.find((r) => at >= r.start && at < r.end);
    if (region?.kind === 'comment') continue;
    const [whole, variable, fallback] = match;
    const value = env[variable];
    if (value === undefined && fallback === undefined) {
      unset.push({ variable, sourceOffset: at });
      continue;
    }
    const replacement = escapeFor(region?.kind, value ?? fallback ?? '');
    text += source.slice(last, at);
    substitutions.push({ variable, fromEnv: value !== undefined, start: text.length, end: text.length + replacement.length, sourceStart: at, sourceEnd: at + whole.length });
    text += replacement;
    last = at + whole.length;
  }
  text += source.slice(last);
  return { text, substitutions, unset, sourceOffset: (offset) => toSource(substitutions, offset) };
}

function toSource(substitutions: readonly Substitution[], offset: number): number {
  let delta = 0;
  for (const s of substitutions) {
    if (offset < s.start) break;
    if (offset < s.end) return s.sourceStart;
    delta = s.sourceEnd - s.end;
  }
  return offset + delta;
}

type RegionKind = 'comment' | 'double' | 'single';
interface Region {
  readonly kind: RegionKind;
  readonly start: number;
  readonly end: number;
}

/** Comments and quoted scalars, found with the YAML lexer (block scalars are content, not comments). */
function lexicalRegions(source: string): Region[] {
  const regions: Region[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(source)) {
    // The lexer interleaves one-character control markers that are not part of the source.
    if (token.length === 1 && token.charCodeAt(0) < 0x20 && token !== '\n' && token !== '\t' && token !== '\r') continue;
    const type = CST.tokenType(token);
    const kind: RegionKind | undefined = type === 'comment' ? 'comment' : type === 'double-quoted-scalar' ? 'double' : type === 'single-quoted-scalar' ? 'single' : undefined;
    if (kind) regions.push({ kind, start: offset, end: offset + token.length });
    offset += token.length;
  }
  return regions;
}

function escapeFor(kind: RegionKind | undefined, value: string): string {
  if (kind === 'double') return value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');
  if (kind === 'single') return value.replace(/'/g, "''");
  return value;
}

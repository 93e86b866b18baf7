import { CST, Document, isScalar, Lexer, parseDocument, Scalar, visit } from 'yaml';

/** One `${VAR}` or `${VAR:default}` written in the file (outside comments). Offsets are into the file. */
export interface VariableReference {
  readonly variable: string;
  readonly fallback: string | undefined;
  readonly written: string;
  readonly start: number;
  readonly end: number;
}

/** One scalar whose value was built from `${...}`. Offsets are into the file. */
export interface Substitution {
  readonly variables: readonly string[];
  /** True when any part came from the environment, false when only defaults written in the file were used. */
  readonly fromEnv: boolean;
  readonly start: number;
  readonly end: number;
}

/** A `${VAR}` with no default whose variable is not set; its scalar keeps the text as written. */
export interface UnsetVariable {
  readonly variable: string;
  readonly sourceOffset: number;
}

/** What substitution did to a document. */
export interface SubstitutionResult {
  readonly substitutions: readonly Substitution[];
  readonly unset: readonly UnsetVariable[];
}

const PATTERN = /\$\{([^}:]+)(?::([^}]*))?\}/g;
// Private-use characters: printable to YAML, legal in every scalar style, and never written by anyone.
const FIRST = '\uE000';
const REST = '\uE001';
const RUN = /\uE000\uE001*/g;

/**
 * The file's text with each `${...}` (outside comments) replaced by a placeholder of the same length that
 * YAML reads as ordinary scalar characters in any context (flow mappings included), so the parser sees the
 * structure as written and offsets stay those of the file.
 */
export function maskVariables(text: string): { readonly masked: string; readonly references: readonly VariableReference[] } {
  const comments = commentRegions(text);
  const references: VariableReference[] = [];
  let masked = '';
  let last = 0;
  for (const match of text.matchAll(PATTERN)) {
    const at = match.index ?? 0;
    if (comments.some((c) => at >= c.start && at < c.end)) continue;
    const [written, variable, fallback] = match;
    references.push({ variable, fallback, written, start: at, end: at + written.length });
    masked += text.slice(last, at) + FIRST + REST.repeat(written.length - 1);
    last = at + written.length;
  }
  return { masked: masked + text.slice(last), references };
}

/**
 * LocalPort's `${VAR}` and `${VAR:default}` (single colon; the default is used only when VAR is unset, an
 * empty VAR stays empty), put into the scalar values of the parsed document, never into its text: a value is
 * always just a value, whatever it holds (line breaks, `*alias`, `key: value`, quotes). A key keeps `${...}`
 * as written. An unquoted scalar is typed again after substitution as YAML types a plain scalar (`${PORT}`
 * with PORT=5432 is the number 5432); quoted and block scalars stay text.
 */
export function substituteValues(doc: Document, references: readonly VariableReference[], env: NodeJS.ProcessEnv): SubstitutionResult {
  const substitutions: Substitution[] = [];
  const unset: UnsetVariable[] = [];
  visit(doc, {
    Scalar(key, node) {
      if (typeof node.value !== 'string' || !node.value.includes(FIRST) || !node.range) return;
      const [start, end] = node.range;
      const refs = references.filter((r) => r.start >= start && r.start < end);
      let k = 0;
      const literal = node.value.replace(RUN, () => refs[k++]?.written ?? '');
      if (key === 'key') {
        node.value = literal;
        return;
      }
      let i = 0;
      const next = () => refs[i++];
      const variables: string[] = [];
      let fromEnv = false;
      let missing = false;
      const values = node.value.replace(RUN, () => {
        const ref = next();
        if (!ref) return '';
        const value = env[ref.variable];
        if (value === undefined && ref.fallback === undefined) {
          unset.push({ variable: ref.variable, sourceOffset: ref.start });
          missing = true;
          return ref.written;
        }
        variables.push(ref.variable);
        fromEnv ||= value !== undefined;
        return value ?? ref.fallback ?? '';
      });
      const written = missing ? literal : values;
      if (!missing) substitutions.push({ variables, fromEnv, start, end });
      node.value = !missing && node.type === Scalar.PLAIN ? typePlain(written) : written;
      // `source` is what the parser kept of the written text; it must hold the value's text now.
      (node as Scalar & { source?: string }).source = written;
    },
  });
  return { substitutions, unset };
}

/** Parses `text` with its variables masked, then substitutes them from `env`. */
export function parseWithEnvironment(text: string, env: NodeJS.ProcessEnv): { readonly doc: Document } & SubstitutionResult {
  const { masked, references } = maskVariables(text);
  const doc = parseDocument(masked);
  return { doc, ...substituteValues(doc, references, env) };
}

/** A plain scalar's value, typed as the YAML core schema types a plain scalar; anything else stays text. */
function typePlain(text: string): unknown {
  if (text.trim() === '') return null;
  if (/[\n\r#]/.test(text) || text !== text.trim()) return text;
  const parsed = parseDocument(text);
  const c = parsed.contents;
  const exact = isScalar(c) && c.type === Scalar.PLAIN && !c.anchor && !c.tag && c.range?.[0] === 0 && c.range[1] === text.length;
  return parsed.errors.length === 0 && exact ? c.value : text;
}

/** Comments, found with the YAML lexer (a `#` in a quoted or block scalar is content, not a comment). */
function commentRegions(source: string): { start: number; end: number }[] {
  const regions: { start: number; end: number }[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(source)) {
    // The lexer interleaves one-character control markers that are not part of the source.
    if (token.length === 1 && token.charCodeAt(0) < 0x20 && token !== '\n' && token !== '\t' && token !== '\r') continue;
    if (CST.tokenType(token) === 'comment') regions.push({ start: offset, end: offset + token.length });
    offset += token.length;
  }
  return regions;
}

import { Document, isMap, isNode, isScalar, isSeq, Node, parseDocument } from 'yaml';
import { maskVariables, Substitution, VariableReference } from './env-substitution';

/** A path into the config document, as zod and `doc.getIn` spell it: `['services', 1, 'local_port']`. */
export type ConfigPath = readonly (string | number)[];

/** Where values in a loaded config came from; kept so `config show` can redact substituted values. */
export interface ConfigProvenance {
  /** Whether the file (after merge keys are left aside) sets this path. */
  has(path: ConfigPath): boolean;
  /** Whether the value at `path` (or the scalar holding it) was built from an environment variable. */
  fromEnvironment(path: ConfigPath): boolean;
}

/** The parsed YAML document, with line lookup in the file's text and the substitutions made into its values. */
export class ConfigDocument implements ConfigProvenance {
  private readonly lineStarts: number[];
  private substitutions: readonly Substitution[] = [];

  constructor(
    readonly doc: Document,
    /** The file's text, as written. */
    readonly text: string,
    /** The `${...}` written in the file, masked while parsing; substitution puts their values in. */
    readonly variables: readonly VariableReference[] = [],
  ) {
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  /** Keeps the document (which holds substituted secrets) out of logs and JSON dumps of a loaded config. */
  toJSON(): string {
    return '[config provenance]';
  }

  /**
   * Parses the file's text with its `${...}` masked (so they are scalar characters wherever they stand);
   * YAML 1.2 core schema, `<<` merge keys allowed (PyYAML, which LocalPort used, has them).
   */
  static parse(text: string): ConfigDocument {
    const { masked, references } = maskVariables(text);
    return new ConfigDocument(parseDocument(masked, { merge: true, prettyErrors: false }), text, references);
  }

  /** Records which scalars substitution built, for `fromEnvironment`. */
  recordSubstitutions(substitutions: readonly Substitution[]): void {
    this.substitutions = substitutions;
  }

  /** 1-based line of an offset into the file. */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** Line of the deepest existing part of `path`: the key's line for a map entry, the item's line for a list entry. */
  lineOf(path: ConfigPath): number | undefined {
    for (let n = path.length; n >= 0; n--) {
      const offset = this.anchorOffset(path.slice(0, n));
      if (offset !== undefined) return this.lineAt(offset);
    }
    return undefined;
  }

  has(path: ConfigPath): boolean {
    return this.anchorOffset(path) !== undefined;
  }

  fromEnvironment(path: ConfigPath): boolean {
    for (let n = path.length; n > 0; n--) {
      const node = this.nodeAt(path.slice(0, n));
      if (node === undefined) continue;
      if (!isScalar(node) || !node.range) return false;
      const [start, end] = node.range;
      return this.substitutions.some((s) => s.fromEnv && s.start < end && s.end > start);
    }
    return false;
  }

  /** The text of a scalar as written, or as substituted (e.g. `0123` for a password YAML reads as the number 123). */
  sourceText(path: ConfigPath): string | undefined {
    const node = this.nodeAt(path);
    return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
  }

  nodeAt(path: ConfigPath): Node | undefined {
    if (path.length === 0) return isNode(this.doc.contents) ? this.doc.contents : undefined;
    const node = this.doc.getIn(path, true);
    return isNode(node) ? node : undefined;
  }

  private anchorOffset(path: ConfigPath): number | undefined {
    if (path.length === 0) return this.doc.contents?.range?.[0];
    const parent = this.nodeAt(path.slice(0, -1));
    const key = path[path.length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(key));
      return isNode(pair?.key) ? pair.key.range?.[0] : undefined;
    }
    if (isSeq(parent) && typeof key === 'number') {
      const item = parent.items[key];
      return isNode(item) ? item.range?.[0] : undefined;
    }
    return undefined;
  }
}

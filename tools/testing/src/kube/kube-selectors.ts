/** A parsed selector: true when an object matches. */
export type Predicate<T> = (value: T) => boolean;

/** Splits on commas outside parentheses (`a in (x,y),b=c` -> two requirements). */
function requirements(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current);
  return out.map((r) => r.trim()).filter((r) => r !== '');
}

/** Thrown for selector syntax the fake does not understand; served as HTTP 400. */
export class SelectorSyntaxError extends Error {
  readonly code = 'KUBE_FAKE.BAD_SELECTOR';
}

/**
 * Parses a label selector: `k=v`, `k==v`, `k!=v`, `k`, `!k`, `k in (a,b)`, `k notin (a,b)`.
 * @throws SelectorSyntaxError on anything else.
 */
export function parseLabelSelector(selector: string | undefined | null): Predicate<Record<string, string> | undefined> {
  const tests = requirements(selector ?? '').map((req): Predicate<Record<string, string>> => {
    const set = /^([\w./-]+)\s+(in|notin)\s+\(([\w.,\s-]*)\)$/.exec(req);
    if (set) {
      const [, key, op, list] = set;
      const values = list.split(',').map((v) => v.trim());
      return op === 'in' ? (l) => key in l && values.includes(l[key]) : (l) => !(key in l) || !values.includes(l[key]);
    }
    const cmp = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(req);
    if (cmp) {
      const [, key, op, value] = cmp;
      return op === '!=' ? (l) => l[key] !== value : (l) => l[key] === value;
    }
    if (/^![\w./-]+$/.test(req)) return (l) => !(req.slice(1) in l);
    if (/^[\w./-]+$/.test(req)) return (l) => req in l;
    throw new SelectorSyntaxError(`unable to parse requirement: ${req}`);
  });
  return (labels) => tests.every((t) => t(labels ?? {}));
}

const lookup = (obj: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), obj);

/**
 * Parses a field selector (`status.phase!=Succeeded`, `metadata.name=web-0`, `involvedObject.name=x`).
 * Any dotted path of the served JSON works; a missing field compares as the empty string.
 * @throws SelectorSyntaxError on anything else.
 */
export function parseFieldSelector(selector: string | undefined | null): Predicate<unknown> {
  const tests = requirements(selector ?? '').map((req): Predicate<unknown> => {
    const cmp = /^([A-Za-z0-9_.]+)\s*(==|=|!=)\s*(.*)$/.exec(req);
    if (!cmp) throw new SelectorSyntaxError(`invalid field selector: ${req}`);
    const [, path, op, value] = cmp;
    const fieldValue = (obj: unknown): string => {
      const v = lookup(obj, path);
      return v === undefined || v === null ? '' : String(v);
    };
    return op === '!=' ? (o) => fieldValue(o) !== value : (o) => fieldValue(o) === value;
  });
  return (obj) => tests.every((t) => t(obj));
}

import { ConfigProblem } from '@localport/application';

/** Quoted values longer than this are shortened in problems: a 70 KB value is named, not repeated. */
const MAX_QUOTED = 80;
const MAX_TEXT = 1_000;

/**
 * Shortens one text: each long double-quoted value (as problems quote them, JSON style) keeps its start and
 * its length, and the whole stays bounded. One linear scan, no regular expression to backtrack on hostile text.
 */
export function clipText(text: string): string {
  if (text.length <= MAX_QUOTED) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('"', i);
    if (open < 0) {
      out += text.slice(i);
      break;
    }
    let close = open + 1;
    while (close < text.length && text[close] !== '"') close += text[close] === '\\' ? 2 : 1;
    const inner = Math.min(close, text.length) - open - 1;
    out += text.slice(i, open);
    out += inner > MAX_QUOTED ? `${text.slice(open, open + MAX_QUOTED - 20)}…" (${inner} characters)` : text.slice(open, close + 1);
    i = close + 1;
    if (out.length > MAX_TEXT) break;
  }
  return out.length > MAX_TEXT ? `${out.slice(0, MAX_TEXT)}… (${text.length} characters)` : out;
}

/** A problem whose message, service label and field are bounded, whatever the file held. */
export function clipProblem(problem: ConfigProblem): ConfigProblem {
  return {
    ...problem,
    message: clipText(problem.message),
    ...(problem.service !== undefined ? { service: clipText(problem.service) } : {}),
    ...(problem.field !== undefined ? { field: clipText(problem.field) } : {}),
  };
}

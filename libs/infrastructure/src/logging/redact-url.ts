import { REDACTED } from './redact-constants';

/** Query parameters whose values are credentials (matched on the name, case-insensitive, anywhere in it). */
export const SECRET_QUERY_PATTERN = /pass|pwd|secret|token|key|sig|auth|credential|session|cookie|jwt|bearer|code/i;

/** A URL with a scheme, up to whitespace, a quote or an angle bracket. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;
/** `scheme://user:password@` or `scheme://token@` at the start of a URL. */
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i;

/**
 * `url` fit to print: userinfo (`user:password@`) and the values of secret-looking query parameters become
 * `***`. Works on text that is not a valid URL too (it never throws).
 */
export function redactUrl(url: string): string {
  const withoutUserinfo = url.replace(USERINFO, (_, scheme: string) => `${scheme}${REDACTED}@`);
  const q = withoutUserinfo.indexOf('?');
  if (q < 0) return withoutUserinfo;
  const hash = withoutUserinfo.indexOf('#', q);
  const end = hash < 0 ? withoutUserinfo.length : hash;
  const query = withoutUserinfo
    .slice(q + 1, end)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      return SECRET_QUERY_PATTERN.test(safeDecode(pair.slice(0, eq))) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    })
    .join('&');
  return `${withoutUserinfo.slice(0, q + 1)}${query}${withoutUserinfo.slice(end)}`;
}

/** Every URL inside `text` passed through `redactUrl`. */
export function redactUrlsIn(text: string): string {
  return text.includes('://') ? text.replace(URL_IN_TEXT, redactUrl) : text;
}

/**
 * The secret parts of a URL (its userinfo password or token, secret query values), for a redaction list:
 * they may show up elsewhere on their own (an error text quoting only the host part, say).
 */
export function secretsInUrl(url: string): string[] {
  const found: string[] = [];
  const userinfo = USERINFO.exec(url)?.[2];
  if (userinfo) {
    const colon = userinfo.indexOf(':');
    found.push(colon < 0 ? userinfo : userinfo.slice(colon + 1));
    if (colon >= 0) found.push(safeDecode(userinfo.slice(colon + 1)));
  }
  const q = url.indexOf('?');
  if (q >= 0) {
    for (const pair of url.slice(q + 1).split('#')[0].split('&')) {
      const eq = pair.indexOf('=');
      if (eq > 0 && SECRET_QUERY_PATTERN.test(safeDecode(pair.slice(0, eq)))) found.push(pair.slice(eq + 1), safeDecode(pair.slice(eq + 1)));
    }
  }
  return [...new Set(found.filter((s) => s.length > 0))];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

import { isIP } from 'node:net';
import { z } from 'zod';
import { show } from './schema-primitives';

/**
 * Rules for names that end up on a kubectl or ssh command line. Each refuses a leading `-` (it would be
 * read as an option) and anything longer than the tool accepts, so a hostile or mistaken value fails
 * validation instead of reaching `spawn`.
 */
const rule = (pattern: RegExp | ((v: string) => boolean), max: number, what: string) =>
  z.preprocess(
    (v) => (typeof v === 'number' ? String(v) : v),
    z
      .string()
      .min(1, { error: 'must not be empty', abort: true })
      .max(max, { error: (iss) => `is too long (${String((iss.input as string).length)} characters; at most ${max})`, abort: true })
      .refine((v) => (typeof pattern === 'function' ? pattern(v) : pattern.test(v)), { error: (iss) => `${show(iss.input)} is not ${what}` }),
  );

const HOST = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.?$/;
/** A DNS host name or an IP address (what ssh and a TCP connect accept); at most 253 characters. */
export const hostName = () =>
  rule((v) => isIP(v) !== 0 || HOST.test(v), 253, "a host name or IP address (letters, digits, '-', '_' and dots; not starting with '-')");

/** A login name for ssh: letters, digits, '.', '_', '-', '@' and '\' (domain users), not starting with '-'; at most 64. */
export const userName = () => rule(/^[A-Za-z0-9_.@\\][A-Za-z0-9_.@\\-]*$/, 64, "a user name (letters, digits, '.', '_', '-', '@'; not starting with '-')");

/** A Kubernetes DNS-1123 label (namespaces): lower-case letters, digits and '-', at most 63. */
export const dns1123Label = () => rule(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 63, "a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit)");

/** A Kubernetes DNS-1123 subdomain (resource names): labels joined by dots, at most 253. */
export const dns1123Subdomain = () =>
  rule(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, 253, "a DNS-1123 name (lower-case letters, digits, '-' and '.', starting and ending with a letter or digit)");

/** A kubeconfig context name: printable, no spaces, not starting with '-'; at most 253. */
export const kubeContextName = () => rule(/^[^\s-][^\s]*$/u, 253, "a context name (no spaces, not starting with '-')");

/** Text bounded to what a command line or a helper takes: no line breaks or NULs unless `multiLine`; `nonEmpty` refuses ''. */
export const boundedText = (max: number, opts: { nonEmpty?: boolean; multiLine?: boolean } = {}) =>
  z.preprocess(
    (v) => (typeof v === 'number' ? String(v) : v),
    z
      .string()
      .min(opts.nonEmpty ? 1 : 0, { error: 'must not be empty', abort: true })
      .max(max, { error: (iss) => `is too long (${String((iss.input as string).length)} characters; at most ${max})`, abort: true })
      .refine((v) => opts.multiLine || !/[\r\n\0]/.test(v), { error: 'must be a single line' }),
  );

/**
 * The one place where low-level connection and TLS failures (Node error codes, OpenSSL's internal strings,
 * the kubelet's port-forward errors) become words a user can act on. Callers keep the raw text for the log.
 */

/** A failure said plainly: a stable code, the sentence shown to users, and the raw text (for the debug log). */
export interface PlainFailure {
  readonly code: string;
  readonly words: string;
  readonly raw: string;
}

/** What the caller was speaking, which decides how an ambiguous failure (a reset, a hang-up) reads. */
export type Expecting = 'http' | 'tls' | 'postgres' | 'kube-api';

interface Rule {
  readonly code: string;
  readonly test: (code: string, message: string, expecting?: Expecting) => boolean;
  readonly words: (expecting?: Expecting) => string;
}

const has = (re: RegExp) => (code: string, message: string) => re.test(code) || re.test(message);

// First match wins. The OpenSSL strings differ by version (3.x "wrong version number", "packet length too long", "record layer failure").
const RULES: readonly Rule[] = [
  {
    code: 'TLS.NOT_TLS',
    test: has(/wrong.version.number|WRONG_VERSION_NUMBER|packet.length.too.long|http.request|record.layer.failure|unknown.protocol/i),
    words: (x) => `the server answered without TLS: it is a plain ${x === 'postgres' ? 'connection' : 'HTTP/TCP'} port (${x === 'postgres' ? "use sslmode: disable or prefer" : "use http://, or set scheme: http"})`,
  },
  {
    code: 'TLS.UNTRUSTED_CERT',
    test: has(/SELF_SIGNED|self.signed|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|unable to verify the first certificate|unable to get (local )?issuer certificate|CERT_SIGNATURE_FAILURE|certificate signature failure/i),
    words: (x) => `the server's TLS certificate is not signed by a CA this side trusts (${x === 'kube-api' ? "wrong certificate-authority-data in the kubeconfig?" : 'self-signed or a private CA: set verify_tls: false, or trust its CA'})`,
  },
  { code: 'TLS.CERT_EXPIRED', test: has(/CERT_HAS_EXPIRED|certificate has expired|CERT_NOT_YET_VALID/i), words: () => `the server's TLS certificate has expired (or is not valid yet)` },
  { code: 'TLS.WRONG_NAME', test: has(/ERR_TLS_CERT_ALTNAME_INVALID|does not match certificate's altnames/i), words: () => `the server's TLS certificate is for another host name` },
  {
    code: 'TLS.HANDSHAKE_FAILED',
    test: (code, message) => /^ERR_SSL_|^EPROTO$/.test(code) || /SSL routines|alert handshake failure|tlsv1 alert/i.test(message),
    words: () => `the TLS handshake failed (the two sides share no protocol version or cipher, or the server wants a client certificate)`,
  },
  {
    code: 'TLS.NOT_OFFERED',
    test: has(/does not support SSL connections/i),
    words: () => 'the server does not offer TLS (sslmode: require needs ssl = on in postgresql.conf; use sslmode: prefer or disable)',
  },
  {
    code: 'TLS.REQUIRED',
    test: has(/no pg_hba\.conf entry.*no encryption/i),
    words: () => 'the server accepts only TLS connections from here (pg_hba.conf has no entry without encryption): use sslmode: prefer or require',
  },
  { code: 'NET.REFUSED', test: has(/ECONNREFUSED|connection refused/i), words: () => 'connection refused: nothing is listening there' },
  {
    code: 'NET.RESET',
    test: has(/ECONNRESET|socket hang up|EPIPE|connection reset/i),
    words: (x) => (x === 'http' ? 'the server closed the connection without an HTTP answer (a TLS port? use https://, or set scheme: https)' : 'the connection was reset by the other side'),
  },
];

/** The raw text of anything thrown (duck-typed: errors may come from another realm). */
export function rawTextOf(e: unknown): { code: string; message: string } {
  if (typeof e !== 'object' || e === null) return { code: '', message: String(e) };
  const { message, code } = e as { message?: unknown; code?: unknown };
  return { code: typeof code === 'string' ? code : '', message: typeof message === 'string' ? message.trim() : String(e) };
}

/** Says a connection or TLS failure plainly; null when no rule knows it (show the raw text then). */
export function plainFailure(e: unknown, expecting?: Expecting): PlainFailure | null {
  const { code, message } = rawTextOf(e);
  const rule = RULES.find((r) => r.test(code, message, expecting));
  return rule ? { code: rule.code, words: rule.words(expecting), raw: code && !message.includes(code) ? `${code}: ${message}` : message } : null;
}

/** The kubelet refusing a port-forward connection: nothing listens on that port inside the pod. Null otherwise. */
export function podRefusal(line: string): PlainFailure | null {
  const m = /error forwarding port (\d+) to pod .*connection refused/i.exec(line);
  if (!m) return null;
  return { code: 'POD.NOTHING_LISTENING', words: `nothing is listening on port ${m[1]} inside the pod (it refused the connection)`, raw: line.trim() };
}

/** `words (CODE)` when a rule knows the failure, else its raw message. */
export function sayFailure(e: unknown, expecting?: Expecting): string {
  const plain = plainFailure(e, expecting);
  return plain ? `${plain.words} (${plain.code})` : rawTextOf(e).message;
}

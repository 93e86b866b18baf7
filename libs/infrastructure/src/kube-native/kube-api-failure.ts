import { plainFailure } from '../net/plain-failure';

/** What kind of failure the API server (or the way to it) gave. `auth` and `not-found` are not worth retrying fast. */
export type KubeFailureKind = 'auth' | 'not-found' | 'unreachable' | 'protocol';

/** A failed request to the Kubernetes API: its kind, the HTTP status when there was one, and what was asked. */
export class KubeApiFailure extends Error {
  /** The plain-failure code (`TLS.UNTRUSTED_CERT` …) when the failure was a known connection or TLS one. */
  readonly reason?: string;

  constructor(
    readonly kind: KubeFailureKind,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown; reason?: string },
  ) {
    super(message, options);
    this.name = 'KubeApiFailure';
    if (options?.reason) this.reason = options.reason;
  }
}

/** Maps an HTTP status to a failure, with the Status message the server sent when it sent one. */
export function failureFromStatus(status: number, what: string, body = ''): KubeApiFailure {
  let detail = '';
  try {
    detail = (JSON.parse(body) as { message?: string }).message ?? '';
  } catch {
    detail = body.slice(0, 200);
  }
  const kind = status === 401 || status === 403 ? 'auth' : status === 404 ? 'not-found' : 'protocol';
  const word = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : `HTTP ${status}`;
  return new KubeApiFailure(kind, `${what}: ${word}${detail && detail !== word ? ` (${detail})` : ''}`, status);
}

/** Maps a socket/TLS/exec-plugin error to a failure. Exec credential plugins and bad certificates are auth failures. */
export function failureFromError(e: unknown, what: string): KubeApiFailure {
  const error = e as NodeJS.ErrnoException;
  const message = error?.message ?? String(e);
  const status = /Unexpected server response: (\d+)/.exec(message);
  if (status) return failureFromStatus(Number(status[1]), what);
  const tls = /certificate|self.signed|SSL|TLS/i.test(message) || String(error?.code ?? '').startsWith('ERR_TLS') || String(error?.code ?? '').includes('CERT');
  const exec = /exec|credential|auth provider/i.test(message) && !error?.code;
  const kind = tls || exec ? 'auth' : 'unreachable';
  // OpenSSL's own strings ("wrong version number", ERR_SSL_…) are said plainly; the raw text stays the cause.
  const plain = exec ? null : plainFailure(e, 'kube-api');
  if (plain) return new KubeApiFailure(plain.code.startsWith('TLS.') ? 'auth' : kind, `${what}: ${plain.words} (${plain.code})`, undefined, { cause: e, reason: plain.code });
  return new KubeApiFailure(kind, `${what}: ${message}`, undefined, { cause: e });
}

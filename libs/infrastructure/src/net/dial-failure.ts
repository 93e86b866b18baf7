/**
 * Errors a connect gets from a live upstream that is busy: a Unix socket whose accept backlog is full
 * (EAGAIN), or our own process short of descriptors or buffers. They call for a retry, never a restart.
 */
const BACK_PRESSURE = new Set(['EAGAIN', 'EWOULDBLOCK', 'EMFILE', 'ENFILE', 'ENOBUFS', 'EINTR']);
/** Errors that say nothing listens there (or the socket file is gone): a dead upstream, once confirmed. */
const REFUSED = new Set(['ECONNREFUSED', 'ENOENT', 'ENOTSOCK', 'ENOTDIR', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/**
 * How a connect failed: `busy` (back-pressure, retry), `refused` (nothing listening: check, then dead),
 * `reset` (something listening dropped it: one retry like a reset before the first answer), `timeout`.
 */
export type DialFailureKind = 'busy' | 'refused' | 'reset' | 'timeout';

/** A failed connect: its message and kind. */
export interface DialFailure {
  readonly message: string;
  readonly kind: DialFailureKind;
}

/** Classifies a socket error seen while connecting. */
export function dialFailureOf(error: NodeJS.ErrnoException): DialFailure {
  const code = error.code ?? '';
  const kind = BACK_PRESSURE.has(code) ? 'busy' : REFUSED.has(code) ? 'refused' : 'reset';
  return { message: error.message, kind };
}

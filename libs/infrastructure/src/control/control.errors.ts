import { LocalportError } from '@localport/domain';

/** Error codes the control protocol itself produces (handlers add their own, e.g. `SERVICE.NOT_FOUND`). */
export const CONTROL_ERROR_CODES = {
  badRequest: 'CONTROL.BAD_REQUEST',
  lineTooLong: 'CONTROL.LINE_TOO_LONG',
  unsupportedVersion: 'CONTROL.UNSUPPORTED_VERSION',
  unknownMethod: 'CONTROL.UNKNOWN_METHOD',
  invalidParams: 'CONTROL.INVALID_PARAMS',
  invalidReply: 'CONTROL.INVALID_REPLY',
  timeout: 'CONTROL.TIMEOUT',
  socketPathTooLong: 'CONTROL.SOCKET_PATH_TOO_LONG',
  socketUnavailable: 'CONTROL.SOCKET_UNAVAILABLE',
  internal: 'INTERNAL',
  notRunning: 'DAEMON.NOT_RUNNING',
  unreachable: 'DAEMON.UNREACHABLE',
  alreadyRunning: 'DAEMON.ALREADY_RUNNING',
} as const;

/** How an error travels over the control socket. */
export interface WireError {
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

/**
 * A failure on the control channel, or one the daemon reported: a string `code`, a message a user can
 * read, and optional `details`. Handlers may throw it; clients get it back in a failed Result.
 */
export class ControlError extends LocalportError implements WireError {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The error as a reply carries it. */
  toWire(): WireError {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }
}

/** Maps anything a handler threw to a wire error: a string `code` is kept, anything else is `INTERNAL`. */
export function toWireError(error: unknown): WireError {
  if (typeof error === 'object' && error !== null) {
    const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
    const text = typeof message === 'string' ? message : 'internal error';
    if (typeof code === 'string' && code.length > 0) return details === undefined ? { code, message: text } : { code, message: text, details };
    return { code: CONTROL_ERROR_CODES.internal, message: text };
  }
  return { code: CONTROL_ERROR_CODES.internal, message: String(error) };
}

import { LocalportError } from '@localport/domain';

/** A log file that does not exist (yet): the service or daemon has not written one. */
export class LogFileNotFoundError extends LocalportError {
  readonly code = 'LOGS.NOT_FOUND';
  constructor(readonly path: string) {
    super(`No log file at ${path}`);
  }
}

/** A log file that exists but cannot be read. */
export class LogFileUnreadableError extends LocalportError {
  readonly code = 'LOGS.UNREADABLE';
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`Cannot read log file ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export type LogFileError = LogFileNotFoundError | LogFileUnreadableError;

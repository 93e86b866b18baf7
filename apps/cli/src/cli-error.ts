import { LocalportError } from '@localport/domain';

/** A failure the CLI reports as a message (never a stack trace) with an exit code. */
export class CliError extends LocalportError {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly code = 'CLI.FAILED' as string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

/** 0 ok, 1 failed, 2 invalid usage or config, 130 interrupted. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** Exit code for an error code that crossed the control socket or came from an adapter. */
export function exitCodeFor(code: string | undefined): number {
  if (!code) return EXIT.failed;
  if (code.startsWith('CONFIG.') || code === 'SERVICE.UNKNOWN' || code === 'SERVICE.NONE_SELECTED' || code.startsWith('REQUEST.') || code === 'CLI.USAGE') return EXIT.usage;
  return EXIT.failed;
}

/** A plain `status` command line the fast path can answer by itself. */
export interface FastStatusArgs {
  readonly names: readonly string[];
  readonly json: boolean;
  /** False with `--no-color`. */
  readonly color: boolean;
}

/** Longest service name the daemon accepts in a `status` request (control-methods.ts). */
const NAME_MAX = 200;

/**
 * Recognises `status [NAMES...]` with only `-o/--output json|table` and `--no-color`, in any order (as the full
 * CLI accepts them). Anything else (another command, `-w`, `-c`, `-q`, `-v`, `--help`, `--`, a repeated or unknown
 * flag, a name the daemon would refuse) gives null, and the full CLI handles the line as always.
 */
export function parseFastStatus(args: readonly string[]): FastStatusArgs | null {
  let command = false;
  let output: string | undefined;
  let color = true;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-o' || a === '--output') {
      if (output !== undefined || i + 1 >= args.length) return null;
      output = args[++i];
    } else if (a.startsWith('--output=')) {
      if (output !== undefined) return null;
      output = a.slice('--output='.length);
    } else if (a === '--no-color') {
      color = false;
    } else if (a.startsWith('-') || a.length === 0) {
      return null;
    } else if (!command) {
      if (a !== 'status') return null;
      command = true;
    } else {
      if (a.length > NAME_MAX) return null;
      names.push(a);
    }
  }
  if (!command || (output !== undefined && output !== 'json' && output !== 'table')) return null;
  return { names, json: output === 'json', color };
}

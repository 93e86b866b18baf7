import { CLI_MAIN } from './built-artifacts';
import { runCommand } from './run-command';

/** How one `localport` run ended. */
export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Options for {@link runCli}. */
export interface RunCliOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Kill the CLI after this long and reject; default 60 s. */
  readonly timeoutMs?: number;
  /** The CLI's entry script; default the built dist/apps/cli/main.js (an installed package's for packaging tests). */
  readonly main?: string;
}

/**
 * Runs `node dist/apps/cli/main.js ...args` as a separate process, asynchronously: the test process
 * keeps serving its fake API server meanwhile (spawnSync would deadlock it).
 */
export function runCli(args: readonly string[], options: RunCliOptions): Promise<CliResult> {
  return runCommand(process.execPath, [options.main ?? CLI_MAIN, ...args], { env: options.env, cwd: options.cwd, timeoutMs: options.timeoutMs ?? 60_000 });
}

/** A one-line account of a run, for assertion messages. */
export const describeRun = (args: readonly string[], r: CliResult): string =>
  `localport ${args.join(' ')} -> exit ${r.code ?? r.signal} in ${r.ms} ms\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

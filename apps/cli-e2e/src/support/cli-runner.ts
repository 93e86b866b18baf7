import { spawn } from 'node:child_process';
import { CLI_MAIN } from './built-artifacts';

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
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.main ?? CLI_MAIN, ...args], { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`localport ${args.join(' ')} did not finish within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** A one-line account of a run, for assertion messages. */
export const describeRun = (args: readonly string[], r: CliResult): string =>
  `localport ${args.join(' ')} -> exit ${r.code ?? r.signal} in ${r.ms} ms\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

import { spawn } from 'node:child_process';
import type { CliResult } from './cli-runner';

/** Options for {@link runCommand}. */
export interface RunCommandOptions {
  readonly cwd?: string;
  readonly env: NodeJS.ProcessEnv;
  /** Kill it after this long and reject; default 120 s. */
  readonly timeoutMs?: number;
  /** Written to its stdin, which is then closed. */
  readonly input?: string;
}

/** Runs any program asynchronously (npm, tsc, bash ...) and resolves with how it ended. */
export function runCommand(command: string, args: readonly string[], options: RunCommandOptions): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    // A program may exit without reading its input: that is its business, not an EPIPE for the test.
    child.stdin?.on('error', () => undefined).end(options.input);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not finish within ${options.timeoutMs ?? 120_000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 120_000);
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

/**
 * The environment npm runs in for packaging tests: the real HOME (its cache is what makes `--offline`
 * work) and none of the `npm_config_*` a surrounding `npm test` sets (a prefix or cache of its own).
 */
export function npmEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
  return { ...env, NO_UPDATE_NOTIFIER: '1', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false', ...extra };
}

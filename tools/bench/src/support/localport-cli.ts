import { spawn } from 'node:child_process';
import { constants } from 'node:os';

/** How one command ended and how long it took, from spawn to exit (wall clock, ms). */
export interface TimedRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs a program with captured output and measures its wall time; killed after `timeoutMs`. */
export function timedRun(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<TimedRun> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (e) => (stderr += String(e)));
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? 128 + (signal ? constants.signals[signal] : 0), stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

/** The built CLI (`node dist/apps/cli/main.js`), run the way a user's shell would run `localport`. */
export class LocalportCli {
  constructor(
    readonly cliPath: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  run(args: readonly string[], timeoutMs?: number): Promise<TimedRun> {
    return timedRun(process.execPath, [this.cliPath, ...args], this.env, timeoutMs);
  }

  /** Runs and fails with the CLI's own words when it exits non-zero. */
  async expect(args: readonly string[], timeoutMs?: number): Promise<TimedRun> {
    const r = await this.run(args, timeoutMs);
    if (r.code !== 0) throw new Error(`localport ${args.join(' ')} exited with ${r.code}: ${(r.stderr || r.stdout).trim().split('\n').slice(0, 12).join('\n  ')}`);
    return r;
  }
}

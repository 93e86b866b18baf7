import { spawn } from 'node:child_process';
import { constants } from 'node:os';

/** How a `localport` run ended. `stdout`/`stderr` are empty when the output went to the terminal. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI (`node <cli> ...args`) as a user would; never blocks this process's event loop. */
export class LocalportCli {
  constructor(
    private readonly cliPath: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** The command line a person would type, for printing. */
  describe(args: readonly string[]): string {
    return `localport ${args.join(' ')}`;
  }

  /** Runs with the terminal as its output, so people see exactly what the CLI prints. */
  show(args: readonly string[]): Promise<CliRun> {
    return this.run(args, 'inherit');
  }

  /** Runs with its output captured (for JSON the demo reads). */
  capture(args: readonly string[]): Promise<CliRun> {
    return this.run(args, 'pipe');
  }

  private run(args: readonly string[], stdio: 'inherit' | 'pipe'): Promise<CliRun> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [this.cliPath, ...args], { env: this.env, stdio: ['ignore', stdio, stdio] });
      let stdout = '';
      let stderr = '';
      child.stdout?.setEncoding('utf8').on('data', (c: string) => (stdout += c));
      child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      child.once('error', reject);
      child.once('close', (code, signal) => resolve({ code: code ?? 128 + (signal ? constants.signals[signal] : 0), stdout, stderr }));
    });
  }
}

import { spawn } from 'node:child_process';

/** How a service manager's tool ended; `missing` when it is not installed. */
export interface ToolRun {
  readonly code: number | null;
  readonly output: string;
  readonly missing: boolean;
}

/** Runs `command args` (systemctl, launchctl) with a deadline and collects its stdout and stderr together. */
export function runTool(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<ToolRun> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Our own timer, not spawn's `timeout`: that one is only cleared on exit, which a missing program never has.
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
    child.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ code: null, output: e.message, missing: e.code === 'ENOENT' });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output: output.trim(), missing: false });
    });
  });
}

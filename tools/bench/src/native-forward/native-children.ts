import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A helper process of the native measurements and the one JSON line it printed once ready. */
export interface NativeChild {
  readonly pid: number;
  readonly line: string;
  /** Ends it (it exits when its stdin closes). */
  stop(): void;
}

/** dist/tools/bench/native-forward/native-forward-main.js, next to the bench's own bundle. */
export const NATIVE_CHILD_SCRIPT = join(__dirname, 'native-forward', 'native-forward-main.js');

/** How to start a helper process: extra node flags and environment (the daemon's, for a forwarder process). */
export interface NativeChildOptions {
  readonly nodeFlags?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

/** Starts `native-forward-main.js <args>` and resolves its first stdout line; rejects if it exits first. */
export function startNativeChild(args: readonly string[], options: NativeChildOptions = {}, script = NATIVE_CHILD_SCRIPT): Promise<NativeChild> {
  const env = { ...options.env, ...process.env };
  const p = spawn(process.execPath, ['--expose-gc', ...(options.nodeFlags ?? []), script, ...args], { stdio: ['pipe', 'pipe', 'inherit'], env });
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void => reject(new Error(`${args.join(' ')} exited ${code} before it reported`));
    p.once('exit', onExit);
    p.once('error', reject);
    createInterface({ input: p.stdout! }).once('line', (line) => {
      p.off('exit', onExit);
      resolve({ pid: p.pid!, line, stop: () => p.stdin!.end() });
    });
  });
}

import { ChildProcess, spawn } from 'node:child_process';
import { forEachLine } from './line-splitter';
import { trackChild } from './live-children';

/** How a child ended: its exit code or signal, or the error that kept it from starting (ENOENT, EACCES). */
export interface ChildEnd {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly error?: NodeJS.ErrnoException;
}

/** A child process started by `spawnChild`. `ended` resolves once (never rejects), after its output is drained. */
export interface SpawnedChild {
  readonly process: ChildProcess;
  readonly pid: number | undefined;
  readonly argv: readonly string[];
  readonly ended: Promise<ChildEnd>;
}

export interface SpawnChildOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Each line the child prints, tagged with the stream it came on. */
  readonly onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Called with the pid once the child is running (e.g. to record it in a ChildProcessLedger). */
  readonly onStarted?: (pid: number, argv: readonly string[]) => void;
}

/** Output left in the pipes after exit is read for at most this long: a grandchild may hold them open. */
const DRAIN_AFTER_EXIT_MS = 250;

/**
 * Starts `command` with an argument array (never a shell), stdin ignored, in the daemon's process group
 * so it is not left behind as a session of its own. Tracked until it ends (see `killAllChildren`).
 */
export function spawnChild(command: string, args: readonly string[], options: SpawnChildOptions = {}): SpawnedChild {
  const child = spawn(command, [...args], { env: options.env ?? process.env, cwd: options.cwd, detached: false, shell: false, stdio: ['ignore', 'pipe', 'pipe'] });
  const argv = [command, ...args];
  const ended = new Promise<ChildEnd>((resolve) => {
    let exit: ChildEnd | undefined;
    let drainTimer: NodeJS.Timeout | undefined;
    const finish = () => {
      if (drainTimer) clearTimeout(drainTimer);
      if (exit) resolve(exit);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      // 'error' without a pid means the program never started; with one it is a failed kill, not an end.
      if (child.pid === undefined) {
        exit = { code: null, signal: null, error };
        finish();
      }
    });
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      drainTimer = setTimeout(finish, DRAIN_AFTER_EXIT_MS);
    });
    child.once('close', finish);
  });
  if (options.onLine) {
    const onLine = options.onLine;
    forEachLine(child.stdout!, (line) => onLine(line, 'stdout'));
    forEachLine(child.stderr!, (line) => onLine(line, 'stderr'));
  } else {
    child.stdout!.resume();
    child.stderr!.resume();
  }
  const spawned: SpawnedChild = { process: child, pid: child.pid, argv, ended };
  if (child.pid !== undefined) {
    trackChild(spawned);
    options.onStarted?.(child.pid, argv);
  }
  return spawned;
}

import { spawn } from 'node:child_process';
import { err, ok, Result } from '@localport/domain';
import { ClusterProbeError } from './cluster-probe.errors';
import { classifyKubectlFailure } from './kubectl-stderr';
import { aborted } from './retry-policy';

/** How to run one kubectl command: which binary, with which environment, for how long at most. */
export interface KubectlRunOptions {
  readonly binary: string;
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

/**
 * Spawns kubectl with an argument array (no shell) and resolves with its stdout when it exits 0.
 * Kills it (its whole process group) on timeout or abort. Never rejects.
 */
export function runKubectl(args: readonly string[], options: KubectlRunOptions): Promise<Result<string, ClusterProbeError>> {
  if (options.signal.aborted) return Promise.resolve(err(aborted()));
  return new Promise((resolve) => {
    const child = spawn(options.binary, args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let failure: ClusterProbeError | null = null;
    const kill = (why: ClusterProbeError): void => {
      failure ??= why;
      // detached: kubectl is the leader of its own group, so plugins or exec'd helpers die with it.
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    };
    const timer = setTimeout(() => kill(new ClusterProbeError('CLUSTER.TIMEOUT', `kubectl ${commandName(args)} timed out after ${options.timeoutMs} ms`)), options.timeoutMs);
    const onAbort = (): void => kill(aborted());
    options.signal.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (c: Buffer) => stdout.push(c));
    child.stderr.on('data', (c: Buffer) => stderr.push(c));
    child.on('error', (e: NodeJS.ErrnoException) => {
      failure ??= new ClusterProbeError('CLUSTER.CLIENT_MISSING', `cannot run kubectl (${options.binary}): ${e.code ?? e.message}`, { cause: e });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      if (failure) resolve(err(failure));
      else if (code === 0) resolve(ok(Buffer.concat(stdout).toString('utf8')));
      else resolve(err(classifyKubectlFailure(code, Buffer.concat(stderr).toString('utf8'))));
    });
  });
}

/** `get --raw /readyz`, `version`, `get nodes`: enough to tell a user which command hung. */
function commandName(args: readonly string[]): string {
  const words: string[] = [];
  for (const a of args) {
    if (a.startsWith('-') && a !== '--raw') break;
    words.push(a);
  }
  return words.join(' ');
}

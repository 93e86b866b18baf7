import { LaunchOptions, RunningTunnel, TunnelError, TunnelExit, UpstreamEndpoint } from '@localport/application';
import { err, ok, Result } from '@localport/domain';
import type { ChildProcessLedger } from './child-process-ledger';
import { ChildEnd, spawnChild } from './spawn-child';
import { stopChild } from './stop-child';

/** What a tunnel's readiness check can see while the child starts. */
export interface ReadinessContext {
  /** Subscribes to the child's output lines from now on. */
  onLine(listener: (line: string) => void): void;
  /** Aborted once the launch is decided (ready, failed, timed out or cancelled): stop polling then. */
  readonly settled: AbortSignal;
}

/** One tunnel child process: how to start it, when it is ready, and how to explain its end. */
export interface TunnelProcessSpec {
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** Resolves with the endpoint once the tunnel accepts connections; never resolving is fine (timeout). */
  readonly whenReady: (ctx: ReadinessContext) => Promise<UpstreamEndpoint>;
  /** The best explanation of an end, from the output seen and how the process ended. */
  readonly explain: (lines: readonly string[], end: ChildEnd) => TunnelError;
  readonly graceMs: number;
  readonly ledger?: ChildProcessLedger;
  /** Runs once after the process has ended (e.g. removes a socket file). */
  readonly cleanup?: () => Promise<void>;
}

const KEPT_LINES = 100;

/** Starts a tunnel child and resolves once it is ready, or with the TunnelError that kept it from starting. */
export async function startTunnelProcess(spec: TunnelProcessSpec, options: LaunchOptions): Promise<Result<RunningTunnel, TunnelError>> {
  if (options.signal.aborted) return err(new TunnelError('TUNNEL.EXITED', `${spec.label} launch was cancelled`));
  const lines: string[] = [];
  const listeners = new Set<(line: string) => void>();
  const child = spawnChild(spec.command, spec.args, {
    env: spec.env,
    onLine: (line) => {
      lines.push(line);
      if (lines.length > KEPT_LINES) lines.shift();
      options.output(line);
      for (const l of listeners) l(line);
    },
  });
  let stopping = false;
  const exited: Promise<TunnelExit> = child.ended.then(async (end) => {
    if (child.pid !== undefined) await spec.ledger?.forget(child.pid).catch(() => undefined);
    await spec.cleanup?.().catch(() => undefined);
    const error = stopping ? new TunnelError('TUNNEL.EXITED', `${spec.label} was stopped`) : spec.explain(lines, end);
    return { code: end.code, signal: end.signal, error };
  });
  const recorded = child.pid !== undefined && spec.ledger ? spec.ledger.record(child.pid, child.argv).catch(() => undefined) : Promise.resolve();
  const stop = async () => {
    stopping = true;
    await stopChild(child, spec.graceMs);
    await exited;
  };

  const settled = new AbortController();
  const outcome = await new Promise<{ kind: 'ready'; endpoint: UpstreamEndpoint } | { kind: 'ended' } | { kind: 'timeout' } | { kind: 'aborted' }>((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'timeout' }), options.startTimeoutMs);
    const onAbort = () => resolve({ kind: 'aborted' });
    options.signal.addEventListener('abort', onAbort, { once: true });
    settled.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
    });
    void child.ended.then(() => resolve({ kind: 'ended' }));
    spec.whenReady({ onLine: (l) => listeners.add(l), settled: settled.signal }).then(
      (endpoint) => resolve({ kind: 'ready', endpoint }),
      () => undefined, // a failed readiness check only matters through the timeout or the process ending
    );
  });
  settled.abort();
  listeners.clear();
  await recorded;

  switch (outcome.kind) {
    case 'ready':
      // A process that died while we were recording it is not a running tunnel.
      if (child.process.exitCode === null && child.process.signalCode === null) {
        return ok({ endpoint: outcome.endpoint, pid: child.pid ?? null, exited, stop });
      }
      return err((await exited).error);
    case 'ended':
      return err((await exited).error);
    case 'timeout': {
      await stop();
      const last = lastMeaningfulLine(lines);
      return err(new TunnelError('TUNNEL.START_TIMEOUT', `${spec.label} was not ready within ${options.startTimeoutMs} ms${last ? `: ${last}` : ''}`));
    }
    case 'aborted':
      await stop();
      return err(new TunnelError('TUNNEL.EXITED', `${spec.label} launch was cancelled`));
  }
}

/** The last output line that says something, for error messages. */
export function lastMeaningfulLine(lines: readonly string[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].trim();
    if (line !== '') return line;
  }
  return undefined;
}

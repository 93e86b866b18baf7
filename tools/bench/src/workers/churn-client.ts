import { echoOnce } from './load-client';

/** A connection that did not get its echo back: through which port, when (epoch ms), and why. */
export interface ChurnError {
  readonly port: number;
  readonly at: number;
  readonly message: string;
}

export interface ChurnResult {
  readonly connections: number;
  readonly succeeded: number;
  readonly errors: readonly ChurnError[];
}

/**
 * `concurrency` loops, each opening a new connection through the next port in turn, getting one echo back,
 * closing, pausing `pauseMs`, for `durationMs`. Every failed connection is recorded, none retried.
 */
export async function churn(a: { ports: number[]; durationMs: number; concurrency: number; pauseMs: number; timeoutMs: number }): Promise<ChurnResult> {
  const end = Date.now() + a.durationMs;
  const errors: ChurnError[] = [];
  let connections = 0;
  let succeeded = 0;
  let next = 0;
  const loop = async (): Promise<void> => {
    while (Date.now() < end) {
      const port = a.ports[next++ % a.ports.length];
      connections++;
      try {
        await echoOnce({ port, timeoutMs: a.timeoutMs });
        succeeded++;
      } catch (e) {
        errors.push({ port, at: Date.now(), message: (e as Error).message });
      }
      await new Promise((r) => setTimeout(r, a.pauseMs));
    }
  };
  await Promise.all(Array.from({ length: a.concurrency }, loop));
  return { connections, succeeded, errors };
}

import { err, Result } from '@localport/domain';
import { ClusterProbeError } from './cluster-probe.errors';

/** Retry knobs of one request: extra attempts, the first backoff (doubled each time), the check's signal. */
export interface RetryOptions {
  readonly retryAttempts: number;
  readonly backoffBaseMs: number;
  readonly signal: AbortSignal;
}

/**
 * Runs `attempt` and repeats it up to `retryAttempts` more times, waiting base, 2×base, 4×base ...
 * in between, but only while it fails with a retryable error (timeout, unreachable). Abortable.
 */
export async function withRetries<T>(attempt: () => Promise<Result<T, ClusterProbeError>>, options: RetryOptions): Promise<Result<T, ClusterProbeError>> {
  for (let n = 0; ; n++) {
    if (options.signal.aborted) return err(aborted());
    const result = await attempt();
    if (result.ok || !result.error.retryable || n >= options.retryAttempts) return result;
    const waited = await delay(options.backoffBaseMs * 2 ** n, options.signal);
    if (!waited) return err(aborted());
  }
}

/** The error every provider reports when the caller aborted the check. */
export const aborted = (): ClusterProbeError => new ClusterProbeError('CLUSTER.ABORTED', 'cluster check aborted');

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
function delay(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

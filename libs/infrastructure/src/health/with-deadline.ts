import { HealthCheckFailure } from '@localport/application';
import { err, Result } from '@localport/domain';

export type CheckResult = Result<void, HealthCheckFailure>;

/**
 * Runs one check under `timeoutMs` and the caller's signal. Resolves with HEALTH.TIMEOUT when time runs out,
 * HEALTH.FAILED when cancelled or when `run` throws; never rejects. The signal given to `run` aborts once the
 * outcome is known, so probes close their sockets on every path.
 */
export function withDeadline(label: string, timeoutMs: number, outer: AbortSignal, run: (signal: AbortSignal) => Promise<CheckResult>): Promise<CheckResult> {
  const inner = new AbortController();
  return new Promise<CheckResult>((resolve) => {
    let done = false;
    const finish = (result: CheckResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      outer.removeEventListener('abort', onAbort);
      inner.abort();
      resolve(result);
    };
    const timedOut = (): CheckResult => err(new HealthCheckFailure('HEALTH.TIMEOUT', `${label} timed out after ${timeoutMs} ms`));
    const onAbort = (): void => {
      const reason: unknown = outer.reason;
      // Duck-typed: AbortSignal.timeout()'s DOMException may come from another realm.
      const isTimeout = typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'TimeoutError';
      finish(isTimeout ? timedOut() : err(new HealthCheckFailure('HEALTH.FAILED', `${label} was cancelled`, { cause: reason })));
    };
    const timer = setTimeout(() => finish(timedOut()), timeoutMs);
    if (outer.aborted) return onAbort();
    outer.addEventListener('abort', onAbort, { once: true });
    run(inner.signal).then(finish, (e: unknown) => finish(failed(`${label} failed: ${messageOf(e)}`, e)));
  });
}

/** A HEALTH.FAILED result. */
export const failed = (message: string, cause?: unknown): CheckResult => err(new HealthCheckFailure('HEALTH.FAILED', message, cause === undefined ? undefined : { cause }));

/** A readable message from anything thrown (duck-typed: errors may come from another realm), else its errno code. */
export function messageOf(e: unknown): string {
  if (typeof e !== 'object' || e === null) return String(e);
  const { message, code, name } = e as { message?: unknown; code?: unknown; name?: unknown };
  if (typeof message === 'string' && message !== '') return message;
  return typeof code === 'string' ? code : typeof name === 'string' ? name : String(e);
}

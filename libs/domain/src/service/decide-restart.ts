import { RestartPolicy } from './restart-policy';

/** What the supervisor knows about a service's recent failures. Times are epoch milliseconds. */
export interface RestartHistory {
  /** Restarts already made since the count was last reset. */
  readonly attempts: number;
  /** When the service last became healthy (running), if it has been since the count was reset. */
  readonly healthySince?: number;
}

export type RestartDecision =
  | { readonly kind: 'restart'; readonly attempt: number; readonly delayMs: number }
  | { readonly kind: 'give-up'; readonly attempts: number; readonly reason: string };

/**
 * Decides what to do after a failure. The first retry is immediate; retry k (k >= 2) waits
 * initialDelay x multiplier^(k-2), capped at maxDelay and spread by jitter. A healthy stretch of
 * resetAfter forgets earlier attempts. `jitterSample` is a number in [0, 1) supplied by the caller.
 */
export function decideRestart(policy: RestartPolicy, history: RestartHistory, now: number, jitterSample = 0.5): RestartDecision {
  if (!policy.enabled) return { kind: 'give-up', attempts: history.attempts, reason: 'restart policy is disabled' };
  const healthyLongEnough = history.healthySince !== undefined && now - history.healthySince >= policy.resetAfterMs;
  const attempts = healthyLongEnough ? 0 : history.attempts;
  if (policy.maxAttempts > 0 && attempts >= policy.maxAttempts) {
    return { kind: 'give-up', attempts, reason: `gave up after ${attempts} restart attempt${attempts === 1 ? '' : 's'}` };
  }
  return { kind: 'restart', attempt: attempts + 1, delayMs: backoffDelay(policy, attempts, jitterSample) };
}

/** Delay before restart number `attempts + 1`: 0, then initial x multiplier^(attempts-1), capped, with jitter. */
export function backoffDelay(policy: RestartPolicy, attempts: number, jitterSample = 0.5): number {
  if (attempts <= 0) return 0;
  // multiplier^k overflows to Infinity after enough attempts, and 0 x Infinity is NaN
  const base = policy.initialDelayMs > 0 ? Math.min(policy.initialDelayMs * Math.pow(policy.backoffMultiplier, attempts - 1), policy.maxDelayMs) : 0;
  const spread = base * policy.jitter * (2 * clamp01(jitterSample) - 1);
  return Math.round(Math.min(Math.max(base + spread, 0), policy.maxDelayMs));
}

const clamp01 = (n: number) => (Number.isFinite(n) ? Math.min(Math.max(n, 0), 1) : 0.5);

/** One request of a loop: when it began and ended (ms, one monotonic clock), and whether it got its echo back. */
export interface RequestOutcome {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly ok: boolean;
  /** Why it failed (error code or message), when it did. */
  readonly error?: string;
}

/** Failures of a request loop, counted overall and by error. */
export interface RequestTally {
  readonly total: number;
  readonly failed: number;
  /** Failed requests by error, e.g. `{ ECONNRESET: 2 }`. */
  readonly byError: Readonly<Record<string, number>>;
  /** The first failed request's start, or null when none failed. */
  readonly firstFailureAt: number | null;
}

/** Counts the failures of a request loop. */
export function tallyRequests(outcomes: readonly RequestOutcome[]): RequestTally {
  const byError: Record<string, number> = {};
  let failed = 0;
  let firstFailureAt: number | null = null;
  for (const o of outcomes) {
    if (o.ok) continue;
    failed++;
    const key = o.error ?? 'unknown';
    byError[key] = (byError[key] ?? 0) + 1;
    if (firstFailureAt === null || o.startedAt < firstFailureAt) firstFailureAt = o.startedAt;
  }
  return { total: outcomes.length, failed, byError, firstFailureAt };
}

/**
 * How long after `readyAt` new connections were served again: the earliest successful request that ended at or after
 * `readyAt` (a connection opened while no pod was Ready may wait and count), minus `readyAt`. Null when none did.
 */
export function servedAgainAfterMs(readyAt: number, outcomes: readonly RequestOutcome[]): number | null {
  let first: number | null = null;
  for (const o of outcomes) if (o.ok && o.endedAt >= readyAt && (first === null || o.endedAt < first)) first = o.endedAt;
  return first === null ? null : first - readyAt;
}

/** `{ ECONNRESET: 2, timeout: 1 }` as `ECONNRESET 2, timeout 1` (or `none`). */
export const describeErrors = (byError: Readonly<Record<string, number>>): string =>
  Object.entries(byError)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'none';

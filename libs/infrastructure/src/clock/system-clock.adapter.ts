import { performance } from 'node:perf_hooks';
import { Clock, Timer } from '@localport/application';

/** Node's setTimeout cannot wait longer than this; longer delays are chained. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * The real clock: wall time from `Date.now`, monotonic time from `performance.now`.
 * Timers are unref'd, so they never keep a process alive on their own (the daemon lives by its server).
 */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  monotonic(): number {
    return performance.now();
  }

  setTimer(ms: number, fn: () => void): Timer {
    let handle: NodeJS.Timeout | undefined;
    let cancelled = false;
    const arm = (remaining: number): void => {
      const delay = Math.min(Math.max(0, remaining), MAX_TIMEOUT_MS);
      handle = setTimeout(() => {
        if (cancelled) return;
        if (remaining > MAX_TIMEOUT_MS) arm(remaining - MAX_TIMEOUT_MS);
        else fn();
      }, delay);
      handle.unref();
    };
    arm(Number.isFinite(ms) ? ms : MAX_TIMEOUT_MS);
    return {
      cancel: () => {
        cancelled = true;
        if (handle) clearTimeout(handle);
      },
    };
  }
}

import { decideRestart } from '../decide-restart';
import { cancelTimer, Draft, emit, moveTo, newId, patch } from './draft';
import { LifecycleFailure, LifecycleTimer } from './lifecycle-state';

/**
 * The tunnel died or could not start. Forget it (stopping it when `kill`, as when it is alive but
 * useless); for a gated service ask the gate first, else decide at once. A permanent failure (bad
 * credentials, a host key, a missing binary) is the service's own: no gate excuses it.
 */
export function fail(d: Draft, failure: LifecycleFailure, kill: boolean): void {
  const { tunnel, healthySince } = d.s;
  patch(d, { tunnel: null, lastError: failure.message, lastErrorCode: failure.code, healthy: false, passes: 0, failures: 0 });
  if (tunnel !== null) {
    emit(d, { type: 'stopHealth' }, { type: 'dropConnections' });
    if (kill) emit(d, { type: 'stopUpstream', id: tunnel });
  }
  if (d.policy.gated && !failure.permanent) {
    // The cluster or host may be down: that is not the service's fault, so no attempt is spent before the gate answers.
    moveTo(d, 'restarting');
    const id = newId(d);
    patch(d, { gateCheck: id, pending: { failure, healthySince } });
    emit(d, { type: 'checkGate', id, unreachable: failure.unreachable === true });
    return;
  }
  decide(d, failure, healthySince, 'launch');
}

/** Applies the restart policy: a timer for the next try (`then`), or `failed` with the reason. `waiting` is what status says meanwhile. */
export function decide(d: Draft, failure: LifecycleFailure, healthySince: number | null, then: LifecycleTimer['then'], waiting?: string): void {
  const { restart, jitterSample } = d.policy;
  const decision = decideRestart(restart, { attempts: d.s.attempts, healthySince: healthySince ?? undefined }, d.now, jitterSample);
  if (decision.kind === 'give-up') {
    patch(d, { lastError: `${failure.message} (${decision.reason})`, lastErrorCode: failure.code });
    moveTo(d, 'failed');
    emit(d, { type: 'releaseWaiters', tunnel: null });
    return;
  }
  cancelTimer(d);
  // Bad credentials or a missing binary will not fix themselves within a millisecond.
  const delayMs = failure.permanent ? Math.max(decision.delayMs, restart.initialDelayMs) : decision.delayMs;
  const id = newId(d);
  patch(d, { attempts: decision.attempt, timer: { id, then }, nextRestartAt: d.now + delayMs, lastError: waiting ?? failure.message, lastErrorCode: failure.code });
  moveTo(d, 'restarting');
  emit(d, { type: 'scheduleTimer', id, delayMs });
}

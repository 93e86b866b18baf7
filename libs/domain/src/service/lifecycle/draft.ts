import { ServiceState, transition } from '../service-state';
import { LifecycleEffect } from './lifecycle-effect';
import { LifecyclePolicy } from './lifecycle-policy';
import { LifecycleState } from './lifecycle-state';

/** One step in the making: the state so far and the effects asked for. Private to the reducer. */
export interface Draft {
  s: LifecycleState;
  readonly effects: LifecycleEffect[];
  /** Every state moved into, in order. */
  readonly path: ServiceState[];
  readonly policy: LifecyclePolicy;
  readonly now: number;
}

export const patch = (d: Draft, changes: Partial<LifecycleState>): void => {
  d.s = { ...d.s, ...changes };
};

export const emit = (d: Draft, ...effects: LifecycleEffect[]): void => {
  d.effects.push(...effects);
};

/** Hands out the next effect id. */
export function newId(d: Draft): number {
  const id = d.s.nextId;
  patch(d, { nextId: id + 1 });
  return id;
}

/** Moves to `next`, checked against the transition table; leaving running forgets the healthy stretch. */
export function moveTo(d: Draft, next: ServiceState): void {
  const previous = d.s.status;
  if (previous === next) return;
  if (!transition(previous, next).ok) throw new Error(`illegal lifecycle transition ${previous} -> ${next}`);
  d.path.push(next);
  patch(d, { status: next, since: d.now, ...(next !== 'running' && next !== 'unhealthy' && { healthySince: null }) });
}

/** Forgets the current tunnel's health: checks start over. */
export const resetHealth = (d: Draft): void => patch(d, { healthy: false, passes: 0, failures: 0 });

/** Cancels the pending timer, if any. */
export function cancelTimer(d: Draft): void {
  if (d.s.timer) emit(d, { type: 'cancelTimer', id: d.s.timer.id });
  patch(d, { timer: null, nextRestartAt: null });
}

/** Binds the local port (the state stays as it is: `starting`, or `restarting` while waiting for the port). */
export function bind(d: Draft): void {
  const id = newId(d);
  patch(d, { binding: id });
  emit(d, { type: 'bind', id });
}

/** Launches the tunnel, unless the gate (cluster or host) is known to be closed: then waits for it. */
export function launchOrWait(d: Draft, gateOpen = d.policy.gateOpen): void {
  if (d.policy.gated && !gateOpen) return moveTo(d, d.policy.waitingState);
  moveTo(d, 'starting');
  const id = newId(d);
  patch(d, { launching: id });
  emit(d, { type: 'launch', id });
}

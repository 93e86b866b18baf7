import { isWaiting } from '../service-state';
import { bind, cancelTimer, Draft, emit, launchOrWait, moveTo, patch, resetHealth } from './draft';
import { decide, fail } from './failure';
import { LifecycleEvent } from './lifecycle-event';

type Of<T extends LifecycleEvent['type']> = Extract<LifecycleEvent, { type: T }>;

export function onBound(d: Draft, e: Of<'bound'>): void {
  // A port bound for a start that was stopped meanwhile: give it back.
  if (e.id !== d.s.binding) return emit(d, { type: 'closeListener', id: e.id });
  patch(d, { binding: null, listener: e.id });
  launchOrWait(d);
}

/** The port could not be bound: retry per the restart policy (a held port is not freed within a millisecond). */
export function onBindFailed(d: Draft, e: Of<'bindFailed'>): void {
  if (e.id !== d.s.binding) return;
  patch(d, { binding: null });
  const holder = e.owner ? `pid ${e.owner.pid}, ${e.owner.command}` : 'another process';
  decide(d, { ...e.failure, permanent: true }, null, 'bind', e.inUse ? `waiting for port ${e.port} (held by ${holder})` : undefined);
}

export function onLaunched(d: Draft, e: Of<'launched'>): void {
  // A tunnel nobody wants any more (stopped, restarted or aborted while it started): end it.
  if (e.id !== d.s.launching) return emit(d, { type: 'stopUpstream', id: e.id });
  patch(d, { launching: null, tunnel: e.id, lastError: null, lastErrorCode: null });
  resetHealth(d);
  moveTo(d, 'running');
  emit(d, { type: 'releaseWaiters', tunnel: e.id }, { type: 'startHealth', tunnel: e.id });
}

export function onLaunchFailed(d: Draft, e: Of<'launchFailed'>): void {
  if (e.id !== d.s.launching) return;
  patch(d, { launching: null });
  fail(d, e.failure, false);
}

export function onExited(d: Draft, e: Of<'exited'>): void {
  if (e.id === d.s.tunnel) fail(d, e.failure, false);
}

export function onDialFailed(d: Draft, e: Of<'dialFailed'>): void {
  if (e.id === d.s.tunnel) fail(d, { code: 'TUNNEL.EXITED', message: `upstream refused a connection: ${e.message}`, permanent: false }, true);
}

export function onTimer(d: Draft, e: Of<'timerFired'>): void {
  const timer = d.s.timer;
  if (timer?.id !== e.id) return;
  patch(d, { timer: null, nextRestartAt: null });
  if (timer.then === 'bind') return bind(d);
  patch(d, { restarts: d.s.restarts + 1 });
  launchOrWait(d);
}

export function onGateVerified(d: Draft, e: Of<'gateVerified'>): void {
  const pending = d.s.pending;
  if (e.id !== d.s.gateCheck || !pending) return;
  patch(d, { gateCheck: null, pending: null });
  if (!e.open) return moveTo(d, d.policy.waitingState);
  decide(d, pending.failure, pending.healthySince, 'launch');
}

/** The gate of the service's cluster or host opened (relaunch at once, clean slate) or closed (hold a pending restart). */
export function onGateChanged(d: Draft, e: Of<'gateChanged'>): void {
  const { status, listener, timer } = d.s;
  if (!d.policy.gated || listener === null) return;
  if (e.open && (isWaiting(status) || status === 'restarting')) {
    // The outage was not the service's fault.
    cancelTimer(d);
    patch(d, { attempts: 0, gateCheck: null, pending: null });
    launchOrWait(d, true);
  } else if (!e.open && status === 'restarting' && timer) {
    cancelTimer(d);
    moveTo(d, d.policy.waitingState);
  }
}


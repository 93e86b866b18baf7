import { isActive } from '../service-state';
import { bind, cancelTimer, Draft, emit, launchOrWait, moveTo, patch, resetHealth } from './draft';
import { LifecycleEvent } from './lifecycle-event';

type Of<T extends LifecycleEvent['type']> = Extract<LifecycleEvent, { type: T }>;

/** Start: bind the local port (unless still held), then launch. While waiting for the port, try it now; else ignored while active. */
export function onStart(d: Draft): void {
  if (isActive(d.s.status)) {
    if (d.s.timer?.then !== 'bind') return;
    cancelTimer(d);
    patch(d, { attempts: 0 });
    return bind(d);
  }
  patch(d, { attempts: 0, lastError: null, lastErrorCode: null });
  moveTo(d, 'starting');
  if (d.s.listener === null) bind(d);
  else launchOrWait(d);
}

/** Stop: cancel whatever is in flight, end the tunnel, refuse waiting clients, release the port. */
export function onStop(d: Draft, e: Of<'stopRequested'>): void {
  const s = d.s;
  cancelTimer(d);
  if (s.launching !== null) emit(d, { type: 'abortLaunch', id: s.launching });
  if (s.tunnel !== null) emit(d, { type: 'stopHealth' }, { type: 'stopUpstream', id: s.tunnel });
  emit(d, { type: 'releaseWaiters', tunnel: null });
  if (s.listener !== null) emit(d, { type: 'closeListener', id: s.listener });
  patch(d, { binding: null, listener: null, launching: null, tunnel: null, gateCheck: null, pending: null });
  resetHealth(d);
  moveTo(d, e.final);
}

/** Restart: replace the tunnel now, keeping the local port, with a clean attempt count. */
export function onRestart(d: Draft): void {
  if (!isActive(d.s.status)) return onStart(d);
  const s = d.s;
  cancelTimer(d);
  if (s.launching !== null) emit(d, { type: 'abortLaunch', id: s.launching });
  if (s.tunnel !== null) emit(d, { type: 'stopHealth' }, { type: 'stopUpstream', id: s.tunnel });
  patch(d, { attempts: 0, launching: null, tunnel: null, gateCheck: null, pending: null });
  resetHealth(d);
  // Still binding: the bind's answer launches.
  if (s.binding !== null) return;
  if (s.listener === null) return bind(d);
  moveTo(d, 'restarting');
  launchOrWait(d);
}

/** New health-check settings: checks start over for the running tunnel. */
export function onRearm(d: Draft): void {
  if (d.s.tunnel === null) return;
  resetHealth(d);
  emit(d, { type: 'startHealth', tunnel: d.s.tunnel });
}

export function onCheckNow(d: Draft): void {
  if (d.s.tunnel !== null) emit(d, { type: 'checkHealthNow' });
}

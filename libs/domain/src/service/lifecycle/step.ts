import { onBindFailed, onBound, onDialFailed, onExited, onGateChanged, onGateVerified, onLaunched, onLaunchFailed, onTimer } from './completions';
import { ServiceState } from '../service-state';
import { Draft } from './draft';
import { onHealthFailed, onHealthPassed } from './health';
import { LifecycleEffect } from './lifecycle-effect';
import { LifecycleEvent } from './lifecycle-event';
import { LifecyclePolicy } from './lifecycle-policy';
import { LifecycleState } from './lifecycle-state';
import { onCheckNow, onRearm, onRestart, onStart, onStop } from './requests';

/** The next state of a service and what must be done to get there. */
export interface LifecycleStep {
  readonly state: LifecycleState;
  readonly effects: readonly LifecycleEffect[];
  /** Every state moved into during the step, in order (a step may pass through `unhealthy` to `restarting`). */
  readonly path: readonly ServiceState[];
}

type Handlers = { readonly [T in LifecycleEvent['type']]: (d: Draft, e: Extract<LifecycleEvent, { type: T }>) => void };

const HANDLERS: Handlers = {
  startRequested: onStart,
  stopRequested: onStop,
  restartRequested: onRestart,
  rearmRequested: onRearm,
  healthCheckRequested: onCheckNow,
  bound: onBound,
  bindFailed: onBindFailed,
  launched: onLaunched,
  launchFailed: onLaunchFailed,
  exited: onExited,
  dialFailed: onDialFailed,
  healthPassed: onHealthPassed,
  healthFailed: onHealthFailed,
  gateChanged: onGateChanged,
  gateVerified: onGateVerified,
  timerFired: onTimer,
};

/**
 * The lifecycle of one service as a pure reducer: given what it remembers, what happened, the
 * rules and the time, returns what it remembers next and the effects to carry out. A completion
 * event whose id is not the current one is stale: it changes nothing (a late tunnel is stopped).
 */
export function step(state: LifecycleState, event: LifecycleEvent, policy: LifecyclePolicy, now: number): LifecycleStep {
  const draft: Draft = { s: state, effects: [], path: [], policy, now };
  (HANDLERS[event.type] as (d: Draft, e: LifecycleEvent) => void)(draft, event);
  return { state: draft.s, effects: draft.effects, path: draft.path };
}

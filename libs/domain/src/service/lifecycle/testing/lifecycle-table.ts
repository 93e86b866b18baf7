/* Test support for the lifecycle tables (spec files only): build a situation by replaying events. */
import { RestartPolicy } from '../../restart-policy';
import { LifecycleEffect } from '../lifecycle-effect';
import { LifecycleEvent } from '../lifecycle-event';
import { LifecyclePolicy } from '../lifecycle-policy';
import { initialLifecycle, LifecycleFailure, LifecycleState } from '../lifecycle-state';
import { step } from '../step';

export const NOW = 1_700_000_000_000;

/** 1 s, x2, capped at 60 s, no jitter, reset after 60 s healthy, never give up; 3 failed checks, 1 pass. */
export function aPolicy(overrides: Partial<Omit<LifecyclePolicy, 'restart'>> & { restart?: Partial<RestartPolicy> } = {}): LifecyclePolicy {
  const { restart, ...rest } = overrides;
  return {
    restart: { enabled: true, maxAttempts: 0, initialDelayMs: 1_000, backoffMultiplier: 2, maxDelayMs: 60_000, jitter: 0, resetAfterMs: 60_000, ...restart },
    health: { failureThreshold: 3, successThreshold: 1 },
    gated: false, gateOpen: true, waitingState: 'waiting-for-cluster', jitterSample: 0.5, ...rest,
  };
}

/** One event of a situation, computed from the state so far (to name the current ids); `at` ms after NOW. */
export interface Act {
  readonly event: (s: LifecycleState) => LifecycleEvent;
  readonly policy?: Parameters<typeof aPolicy>[0];
  readonly at?: number;
}
type Ev = (s: LifecycleState) => LifecycleEvent;
export const act = (event: Ev, options: Omit<Act, 'event'> = {}): Act => ({ event, ...options });
export const at = (ms: number, event: Ev): Act => act(event, { at: ms });

export const lost: LifecycleFailure = { code: 'TUNNEL.LOST_CONNECTION', message: 'error: lost connection to pod', permanent: false };
export const unauthorized: LifecycleFailure = { code: 'TUNNEL.AUTH', message: 'error: You must be logged in to the server (Unauthorized)', permanent: true };
export const refused: LifecycleFailure = { code: 'TUNNEL.UNREACHABLE', message: 'ssh: connect to host 127.0.0.1 port 2222: Connection refused', permanent: false, unreachable: true };
export const sshAuth: LifecycleFailure = { code: 'TUNNEL.AUTH', message: 'ssh: lp@127.0.0.1: Permission denied (publickey).', permanent: true };
export const portInUse: LifecycleFailure = { code: 'FORWARD.PORT_IN_USE', message: '127.0.0.1:5432 is already in use by pid 77 (postgres)', permanent: false };

export const start: Ev = () => ({ type: 'startRequested' });
export const stop: Ev = () => ({ type: 'stopRequested', final: 'stopped' });
export const disable: Ev = () => ({ type: 'stopRequested', final: 'disabled' });
export const restart: Ev = () => ({ type: 'restartRequested' });
export const rearm: Ev = () => ({ type: 'rearmRequested' });
export const checkNow: Ev = () => ({ type: 'healthCheckRequested' });
export const bound: Ev = (s) => ({ type: 'bound', id: s.binding! });
export const bindFails: Ev = (s) => ({ type: 'bindFailed', id: s.binding!, failure: portInUse, port: 5432, inUse: true, owner: { pid: 77, command: 'postgres' } });
export const bindFailsNoOwner: Ev = (s) => ({ type: 'bindFailed', id: s.binding!, failure: portInUse, port: 5432, inUse: true });
export const bindFailsForeign: Ev = (s) => ({ type: 'bindFailed', id: s.binding!, failure: { code: 'FORWARD.BIND_FAILED', message: 'cannot bind 192.0.2.1:5432: address 192.0.2.1 does not belong to this machine', permanent: false }, port: 5432, inUse: false });
export const launched: Ev = (s) => ({ type: 'launched', id: s.launching! });
export const launchFails = (failure: LifecycleFailure = lost): Ev => (s) => ({ type: 'launchFailed', id: s.launching!, failure });
export const crash: Ev = (s) => ({ type: 'exited', id: s.tunnel!, failure: lost });
export const exits = (failure: LifecycleFailure): Ev => (s) => ({ type: 'exited', id: s.tunnel!, failure });
export const dialRefused: Ev = (s) => ({ type: 'dialFailed', id: s.tunnel!, message: 'ECONNREFUSED' });
export const fire: Ev = (s) => ({ type: 'timerFired', id: s.timer!.id });
export const gateSays = (open: boolean): Ev => (s) => ({ type: 'gateVerified', id: s.gateCheck!, open });
export const gate = (open: boolean): Ev => () => ({ type: 'gateChanged', open });
export const pass: Ev = (s) => ({ type: 'healthPassed', id: s.tunnel! });
export const failCheck: Ev = (s) => ({ type: 'healthFailed', id: s.tunnel!, message: 'connection refused' });
export const RUNNING: readonly Act[] = [act(start), act(bound), act(launched), act(pass)];

/** Replays `acts` from a fresh, stopped service. */
export function replay(acts: readonly Act[], base: Parameters<typeof aPolicy>[0] = {}): { state: LifecycleState; effects: readonly LifecycleEffect[] } {
  let state = initialLifecycle(true, NOW);
  let effects: readonly LifecycleEffect[] = [];
  for (const a of acts) {
    ({ state, effects } = step(state, a.event(state), aPolicy({ ...base, ...a.policy }), NOW + (a.at ?? 0)));
  }
  return { state, effects };
}

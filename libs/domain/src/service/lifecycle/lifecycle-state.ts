import { ServiceState } from '../service-state';

/** Why an upstream ended or could not start, as the lifecycle needs to know it. */
export interface LifecycleFailure {
  /** A stable code (`TUNNEL.EXITED`, `FORWARD.PORT_IN_USE` ...). */
  readonly code: string;
  readonly message: string;
  /** Bad credentials or a missing binary: not worth an immediate retry, and no gate excuses it. */
  readonly permanent: boolean;
  /** The upstream's host could not be reached (refused, timed out, no route): evidence the gate is closed. */
  readonly unreachable?: boolean;
}

/** A pending timer and what happens when it fires. */
export interface LifecycleTimer {
  readonly id: number;
  readonly then: 'launch' | 'bind';
}

/**
 * Everything the lifecycle of one service remembers, as plain data. The ids name the effect in
 * flight (a bind, a launch, a gate check, a timer) or the resource it produced (a listener, a
 * tunnel); a completion whose id is not the one held here is stale. Times are epoch milliseconds.
 */
export interface LifecycleState {
  readonly status: ServiceState;
  readonly since: number;
  /** The next id handed to an effect. */
  readonly nextId: number;
  readonly binding: number | null;
  readonly listener: number | null;
  readonly launching: number | null;
  readonly tunnel: number | null;
  readonly timer: LifecycleTimer | null;
  readonly gateCheck: number | null;
  /** The failure waiting for the gate's verdict, with the healthy stretch it ended. */
  readonly pending: { readonly failure: LifecycleFailure; readonly healthySince: number | null } | null;
  /** Restart attempts since the count was last reset. */
  readonly attempts: number;
  /** Relaunches made by the restart policy (what `status` shows). */
  readonly restarts: number;
  readonly healthySince: number | null;
  readonly healthy: boolean;
  /** Health checks in a row that passed / failed for the current tunnel. */
  readonly passes: number;
  readonly failures: number;
  readonly lastError: string | null;
  readonly lastErrorCode: string | null;
  readonly nextRestartAt: number | null;
}

/** A service that was just registered: `stopped` (or `disabled`), holding nothing. */
export function initialLifecycle(enabled: boolean, now: number): LifecycleState {
  return {
    status: enabled ? 'stopped' : 'disabled', since: now, nextId: 1,
    binding: null, listener: null, launching: null, tunnel: null, timer: null, gateCheck: null, pending: null,
    attempts: 0, restarts: 0, healthySince: null, healthy: false, passes: 0, failures: 0,
    lastError: null, lastErrorCode: null, nextRestartAt: null,
  };
}

/** No bind, launch or gate check is in flight: a start or restart request has had its answer. */
export const isSettled = (s: LifecycleState): boolean => s.binding === null && s.launching === null && s.gateCheck === null;

import { err, ok, Result } from '../shared/result';

/** Where a service is in its life. The strings are part of the `status -o json` contract. */
export const SERVICE_STATES = ['starting', 'running', 'unhealthy', 'restarting', 'waiting-for-cluster', 'waiting-for-host', 'failed', 'stopped', 'disabled'] as const;
export type ServiceState = (typeof SERVICE_STATES)[number];

const allowed: Readonly<Record<ServiceState, readonly ServiceState[]>> = {
  stopped: ['starting', 'disabled'],
  disabled: ['stopped', 'starting'],
  starting: ['running', 'unhealthy', 'restarting', 'waiting-for-cluster', 'waiting-for-host', 'failed', 'stopped', 'disabled'],
  running: ['unhealthy', 'restarting', 'waiting-for-cluster', 'waiting-for-host', 'failed', 'stopped', 'disabled'],
  unhealthy: ['running', 'restarting', 'waiting-for-cluster', 'waiting-for-host', 'failed', 'stopped', 'disabled'],
  restarting: ['starting', 'waiting-for-cluster', 'waiting-for-host', 'failed', 'stopped', 'disabled'],
  'waiting-for-cluster': ['starting', 'restarting', 'failed', 'stopped', 'disabled'],
  'waiting-for-host': ['starting', 'restarting', 'failed', 'stopped', 'disabled'],
  failed: ['starting', 'stopped', 'disabled'],
};

/** Whether a service may move from one state to another. */
export const canTransition = (from: ServiceState, to: ServiceState): boolean => allowed[from].includes(to);

/** A move between two states that the life cycle does not allow (a supervisor bug). */
export interface IllegalTransition {
  readonly code: 'SERVICE.ILLEGAL_TRANSITION';
  readonly from: ServiceState;
  readonly to: ServiceState;
}

/** Checks a transition; staying in the same state is always allowed. */
export function transition(from: ServiceState, to: ServiceState): Result<ServiceState, IllegalTransition> {
  return from === to || canTransition(from, to) ? ok(to) : err({ code: 'SERVICE.ILLEGAL_TRANSITION', from, to });
}

/** The states of a service that waits, through no fault of its own, for what its gate watches (its cluster, its host). */
export type WaitingState = Extract<ServiceState, 'waiting-for-cluster' | 'waiting-for-host'>;

/** Whether the service is waiting for its gate to open. */
export const isWaiting = (state: ServiceState): state is WaitingState => state === 'waiting-for-cluster' || state === 'waiting-for-host';

/** States in which the service holds its local port. */
export const isActive = (state: ServiceState): boolean => state !== 'stopped' && state !== 'disabled' && state !== 'failed';

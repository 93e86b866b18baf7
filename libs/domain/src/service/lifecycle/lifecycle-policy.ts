import { RestartPolicy } from '../restart-policy';
import { WaitingState } from '../service-state';

/**
 * The rules a step applies, and the facts about the world it needs at that moment (given as
 * data, so the reducer stays pure).
 */
export interface LifecyclePolicy {
  readonly restart: RestartPolicy;
  readonly health: { readonly failureThreshold: number; readonly successThreshold: number };
  /** Whether a gate governs this service's restarts (its cluster or its host is watched). */
  readonly gated: boolean;
  /** What the gate knows right now (always true for services no gate governs). */
  readonly gateOpen: boolean;
  /** What the service shows while its gate is closed: `waiting-for-cluster` or `waiting-for-host`. */
  readonly waitingState: WaitingState;
  /** A number in [0, 1) that spreads the backoff delay of this step, if it decides one. */
  readonly jitterSample: number;
}

import { LifecycleFailure } from './lifecycle-state';

/** Who holds a local port that could not be bound, when it can be found. */
export interface PortOwner {
  readonly pid: number;
  readonly command: string;
}

/**
 * What can happen to a service: a request from the user or a reload, or the completion of an
 * effect (carrying that effect's id), or news from the cluster gate.
 */
export type LifecycleEvent =
  | { readonly type: 'startRequested' }
  | { readonly type: 'stopRequested'; readonly final: 'stopped' | 'disabled' }
  | { readonly type: 'restartRequested' }
  /** The health check or restart policy changed: health checks start over, the tunnel stays. */
  | { readonly type: 'rearmRequested' }
  /** Check health now (after a wake from sleep). */
  | { readonly type: 'healthCheckRequested' }
  | { readonly type: 'bound'; readonly id: number }
  /** `inUse`: another process holds the port (`owner`, when it could be found). */
  | { readonly type: 'bindFailed'; readonly id: number; readonly failure: LifecycleFailure; readonly port: number; readonly inUse: boolean; readonly owner?: PortOwner }
  | { readonly type: 'launched'; readonly id: number }
  | { readonly type: 'launchFailed'; readonly id: number; readonly failure: LifecycleFailure }
  /** The tunnel's process ended on its own. */
  | { readonly type: 'exited'; readonly id: number; readonly failure: LifecycleFailure }
  /** The relay could not dial the tunnel's endpoint. */
  | { readonly type: 'dialFailed'; readonly id: number; readonly message: string }
  | { readonly type: 'healthPassed'; readonly id: number }
  | { readonly type: 'healthFailed'; readonly id: number; readonly message: string }
  | { readonly type: 'gateChanged'; readonly open: boolean }
  | { readonly type: 'gateVerified'; readonly id: number; readonly open: boolean }
  | { readonly type: 'timerFired'; readonly id: number };

export type LifecycleEventType = LifecycleEvent['type'];

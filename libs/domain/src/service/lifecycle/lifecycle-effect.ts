/**
 * What the lifecycle asks the outside world to do. Effects that complete later carry the id
 * their completion event must bring back; the others name the resource they act on.
 */
export type LifecycleEffect =
  /** Bind the local port; answer `bound` or `bindFailed`. */
  | { readonly type: 'bind'; readonly id: number }
  | { readonly type: 'closeListener'; readonly id: number }
  /** Start the upstream tunnel; answer `launched` or `launchFailed`, later `exited`. */
  | { readonly type: 'launch'; readonly id: number }
  | { readonly type: 'abortLaunch'; readonly id: number }
  /** End the tunnel of launch `id` (a live one, or a late one nobody wants any more). */
  | { readonly type: 'stopUpstream'; readonly id: number }
  /** Ask the gate to check now (`unreachable`: the failure already showed the host down); answer `gateVerified`. */
  | { readonly type: 'checkGate'; readonly id: number; readonly unreachable: boolean }
  | { readonly type: 'scheduleTimer'; readonly id: number; readonly delayMs: number }
  | { readonly type: 'cancelTimer'; readonly id: number }
  /** Hand waiting client connections the endpoint of tunnel `tunnel`, or refuse them (null). */
  | { readonly type: 'releaseWaiters'; readonly tunnel: number | null }
  /** Reset the relayed connections of a dead upstream; the local port stays bound. */
  | { readonly type: 'dropConnections' }
  /** Run health checks through the local port for tunnel `tunnel`; answer `healthPassed`/`healthFailed`. */
  | { readonly type: 'startHealth'; readonly tunnel: number }
  | { readonly type: 'stopHealth' }
  | { readonly type: 'checkHealthNow' };

export type LifecycleEffectType = LifecycleEffect['type'];

/**
 * Asked by the supervisor before it restarts a kubectl service. While a context is unreachable
 * or unhealthy, its services wait (state `waiting-for-cluster`) and spend no restart attempts.
 */
export interface ClusterGate {
  /** Whether services of `context` (undefined = the kubeconfig's current context) may restart now. */
  allowsRestart(context: string | undefined): boolean;
  /** Asks for a check of `context` soon (coalesced), e.g. because one of its tunnels just died. */
  requestCheck(context: string | undefined): void;
  /** Called whenever a context's gate changes; returns an unsubscribe function. */
  onChange(listener: (context: string | undefined, open: boolean) => void): () => void;
}

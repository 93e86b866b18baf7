/**
 * Asked by the supervisor before it restarts a kubectl service. While a context is unreachable
 * or unhealthy, its services wait (state `waiting-for-cluster`) and spend no restart attempts.
 * `context` is the service's resolved `kubeContext`.
 */
export interface ClusterGate {
  /** Whether services of `context` may restart now, from what is already known. */
  allowsRestart(context: string): boolean;
  /** Checks the context now (coalesced with a check in flight or just made) and says whether restarts may go ahead. */
  verify(context: string): Promise<boolean>;
  /** Called whenever a context's gate opens or closes; returns an unsubscribe function. */
  onChange(listener: (context: string, open: boolean) => void): () => void;
}

/** A gate that is always open: for SSH-only setups and when cluster health is disabled. */
export class OpenClusterGate implements ClusterGate {
  allowsRestart(): boolean {
    return true;
  }
  async verify(): Promise<boolean> {
    return true;
  }
  onChange(): () => void {
    return () => undefined;
  }
}

import { RestartGate } from './restart-gate.port';

/**
 * The RestartGate of kubectl services: asked before a restart. While a context is unreachable
 * or unhealthy, its services wait (state `waiting-for-cluster`) and spend no restart attempts.
 * `context` is the service's resolved `kubeContext`.
 */
export interface ClusterGate extends RestartGate {
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

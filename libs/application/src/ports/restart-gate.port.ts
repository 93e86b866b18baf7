/**
 * What a service waits on before a restart, whatever it is (a cluster, a host), named by `key` (a
 * kube context, a `host:port`). While a gate is closed its services wait (`waiting-for-cluster`,
 * `waiting-for-host`) and spend no restart attempts; when it opens they restart at once.
 */
export interface RestartGate {
  /** Whether services waiting on `key` may restart now, from what is already known. */
  allowsRestart(key: string): boolean;
  /**
   * Checks `key` now (coalesced with a check in flight) and says whether restarts may go ahead.
   * `evidence.unreachable`: the failure itself showed it down (a refused connection); a gate may trust it.
   */
  verify(key: string, evidence?: { readonly unreachable: boolean }): Promise<boolean>;
  /** Called whenever a key's gate opens or closes; returns an unsubscribe function. */
  onChange(listener: (key: string, open: boolean) => void): () => void;
  /**
   * A service waits on `key` until the returned release is called. A gate that watches only while
   * someone waits (the host gate) starts and stops its checks with this; others need not have it.
   */
  hold?(key: string): () => void;
}

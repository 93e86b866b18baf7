import { ClusterCheckOutcome, ClusterEvent, ClusterHealthSettings, ResourceStatus } from '@localport/domain';

export interface ClusterProbeOptions {
  /** Also list recent events (first check, and after failures). */
  readonly includeEvents: boolean;
  readonly signal: AbortSignal;
}

/**
 * Checks one kubectl context: API server reachability, version, nodes, pods, and optionally events.
 * Never throws: an unreachable server is an outcome. Honours `settings.timeoutMs` per command and
 * `settings.retryAttempts`. Implementations: kubectl (default) and the Kubernetes API client.
 */
export interface ClusterProbe {
  /** The provider name `cluster_health.provider` selects this probe by. */
  readonly provider: string;
  check(context: string, settings: ClusterHealthSettings, options: ClusterProbeOptions): Promise<ClusterCheckOutcome>;
}

/** Reads the user's kubeconfig (KUBECONFIG honoured). */
export interface KubeContexts {
  /** The kubeconfig's current-context, or null when there is none. */
  current(): Promise<string | null>;
  /** Every context name in the kubeconfig. */
  list(): Promise<string[]>;
}

/** Read-only views used by `cluster events|pods|nodes`, straight from the probe's last observation. */
export interface ClusterView {
  readonly events: readonly ClusterEvent[];
  readonly pods: readonly ResourceStatus[];
  readonly nodes: readonly ResourceStatus[];
}

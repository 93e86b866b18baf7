/** How a context's cluster-health monitor runs. Durations are milliseconds. */
export interface ClusterHealthSettings {
  readonly enabled: boolean;
  /** Time between checks; doubles as the keepalive that stops idle forwards from being dropped. */
  readonly intervalMs: number;
  /** Timeout of each command or request within a check. */
  readonly timeoutMs: number;
  /** Extra tries of a failed check, with 1 s, 2 s, 4 s ... between them. */
  readonly retryAttempts: number;
  /** Failed checks in a row before the context is `unhealthy`. */
  readonly failureThreshold: number;
  /** The ClusterProbe provider name (registered by the infrastructure). */
  readonly provider: string;
  readonly commands: { readonly clusterInfo: boolean; readonly podStatus: boolean; readonly nodeStatus: boolean; readonly eventsOnFailure: boolean };
}

export const DEFAULT_CLUSTER_HEALTH: ClusterHealthSettings = {
  enabled: true,
  intervalMs: 240_000,
  timeoutMs: 30_000,
  retryAttempts: 2,
  failureThreshold: 3,
  provider: 'kubectl',
  commands: { clusterInfo: true, podStatus: true, nodeStatus: true, eventsOnFailure: true },
};

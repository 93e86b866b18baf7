/** What one check learned about a context's API server. Times are epoch milliseconds. */
export interface ClusterInfo {
  readonly context: string;
  readonly apiServerUrl: string | null;
  /** e.g. `1.32.4`, without the leading `v`. */
  readonly serverVersion: string | null;
  readonly reachable: boolean;
  readonly latencyMs: number | null;
  readonly checkedAt: number;
  readonly error: string | null;
}

/** A Kubernetes event as `cluster events` shows it. Times are epoch milliseconds. */
export interface ClusterEvent {
  readonly context: string;
  readonly namespace: string;
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
  readonly object: { readonly kind: string; readonly name: string; readonly namespace?: string };
  readonly count: number;
  /** Last time it happened (lastTimestamp, eventTime or firstTimestamp, whichever is known). */
  readonly lastSeen: number;
}

/** Warning events newer than this count towards a cluster's health. */
export const RECENT_EVENT_WINDOW_MS = 30 * 60_000;

export const isRecentWarning = (e: ClusterEvent, now: number): boolean => e.type === 'Warning' && now - e.lastSeen <= RECENT_EVENT_WINDOW_MS;

/** `Kind/namespace/name`, or `Kind/name` for cluster-scoped objects. */
export const eventObjectName = (e: ClusterEvent): string =>
  e.object.namespace ? `${e.object.kind}/${e.object.namespace}/${e.object.name}` : `${e.object.kind}/${e.object.name}`;

import { ClusterEvent, isRecentWarning } from './cluster-event';
import { ClusterInfo } from './cluster-info';
import { isResourceHealthy, ResourceStatus, ResourceSummary, summarizeResources } from './resource-status';

export const CLUSTER_STATUSES = ['healthy', 'warning', 'unhealthy', 'unknown'] as const;
export type ClusterStatus = (typeof CLUSTER_STATUSES)[number];

/** The health of one kubectl context, as derived from its latest checks. Times are epoch milliseconds. */
export interface ClusterHealth {
  readonly context: string;
  readonly status: ClusterStatus;
  /** Checks in a row that could not reach the API server. */
  readonly consecutiveFailures: number;
  readonly lastCheck: number | null;
  readonly lastError: string | null;
  readonly info: ClusterInfo | null;
  readonly resources: ResourceSummary;
  readonly warningEvents: number;
}

/** What a probe saw in one check that reached the API server. */
export interface ClusterObservation {
  readonly info: ClusterInfo;
  readonly nodes: readonly ResourceStatus[];
  readonly pods: readonly ResourceStatus[];
  readonly events: readonly ClusterEvent[];
}

/** One check's outcome: what was seen, or why the API server could not be reached. */
export type ClusterCheckOutcome =
  | { readonly reachable: true; readonly observation: ClusterObservation }
  | { readonly reachable: false; readonly error: string; readonly at: number };

const EMPTY: ResourceSummary = { nodes: { ready: 0, total: 0 }, pods: { total: 0, byPhase: {}, restarting: 0, healthy: 0 } };

/** The health of a context that has not been checked yet. */
export const unknownClusterHealth = (context: string): ClusterHealth => ({
  context, status: 'unknown', consecutiveFailures: 0, lastCheck: null, lastError: null, info: null, resources: EMPTY, warningEvents: 0,
});

/** Share of ready nodes at or above which a cluster with some unready nodes is `warning`, not `unhealthy`. */
export const WARNING_NODE_RATIO = 0.8;

/**
 * Derives a context's health from the previous health and one check's outcome.
 * Reachable: healthy when every node is ready and no recent warning events; warning when at least
 * 80 % of nodes are ready; unhealthy otherwise. Unreachable: unhealthy once `failureThreshold`
 * checks in a row failed; before that the previous status stands (unknown at first).
 */
export function deriveClusterHealth(previous: ClusterHealth, outcome: ClusterCheckOutcome, failureThreshold: number): ClusterHealth {
  if (!outcome.reachable) {
    const failures = previous.consecutiveFailures + 1;
    return {
      ...previous,
      status: failures >= failureThreshold ? 'unhealthy' : previous.status,
      consecutiveFailures: failures,
      lastCheck: outcome.at,
      lastError: outcome.error,
      info: previous.info ? { ...previous.info, reachable: false, error: outcome.error, checkedAt: outcome.at } : null,
    };
  }
  const { info, nodes, pods, events } = outcome.observation;
  const readyNodes = nodes.filter(isResourceHealthy).length;
  const warnings = events.filter((e) => isRecentWarning(e, info.checkedAt)).length;
  const status: ClusterStatus =
    readyNodes === nodes.length && warnings === 0 ? 'healthy' : nodes.length === 0 || readyNodes / nodes.length >= WARNING_NODE_RATIO ? 'warning' : 'unhealthy';
  return {
    context: previous.context, status, consecutiveFailures: 0, lastCheck: info.checkedAt, lastError: null, info,
    resources: summarizeResources(nodes, pods), warningEvents: warnings,
  };
}

/**
 * Whether kubectl services of this context may spend restart attempts now. Closed while the API
 * server is unreachable (even before the threshold) or the cluster is unhealthy.
 */
export const allowsRestarts = (h: ClusterHealth): boolean => h.consecutiveFailures === 0 && h.status !== 'unhealthy';

export const POD_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;
export type PodPhase = (typeof POD_PHASES)[number];

/** The state of one node or pod as the API server reports it. */
export interface ResourceStatus {
  readonly kind: 'Node' | 'Pod';
  readonly name: string;
  /** Empty for nodes. */
  readonly namespace: string;
  /** Pods: their phase. Nodes: `Running` when Ready, else `Unknown`. */
  readonly phase: PodPhase;
  readonly ready: boolean;
  /** Sum of container restarts (pods); 0 for nodes. */
  readonly restartCount: number;
  readonly nodeName?: string;
  readonly createdAt?: number;
}

/** Counts over a context's nodes and pods. */
export interface ResourceSummary {
  readonly nodes: { readonly ready: number; readonly total: number };
  readonly pods: { readonly total: number; readonly byPhase: Readonly<Partial<Record<PodPhase, number>>>; readonly restarting: number; readonly healthy: number };
}

/** A pod restarting this often counts as unhealthy (LocalPort's rule). */
export const RESTARTING_POD_THRESHOLD = 5;

/** A pod is healthy when Running, Ready, and not restarting repeatedly; a node when Ready. */
export function isResourceHealthy(r: ResourceStatus): boolean {
  if (r.kind === 'Node') return r.ready;
  return r.phase === 'Running' && r.ready && r.restartCount < RESTARTING_POD_THRESHOLD;
}

/** Summarises nodes and pods into the counts shown by `status` and `cluster status`. */
export function summarizeResources(nodes: readonly ResourceStatus[], pods: readonly ResourceStatus[]): ResourceSummary {
  const byPhase: Partial<Record<PodPhase, number>> = {};
  for (const p of pods) byPhase[p.phase] = (byPhase[p.phase] ?? 0) + 1;
  return {
    nodes: { ready: nodes.filter((n) => n.ready).length, total: nodes.length },
    pods: {
      total: pods.length,
      byPhase,
      restarting: pods.filter((p) => p.restartCount >= RESTARTING_POD_THRESHOLD).length,
      healthy: pods.filter(isResourceHealthy).length,
    },
  };
}

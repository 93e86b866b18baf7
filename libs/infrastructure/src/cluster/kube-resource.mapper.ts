import { ClusterEvent, POD_PHASES, PodPhase, ResourceStatus } from '@localport/domain';
import { KubeCondition, KubeEvent, KubeNode, KubePod, KubeTime } from './kube-objects';

/** How many events one check keeps: the newest, like LocalPort's client-side limit (no `--limit`). */
export const MAX_EVENTS = 50;

/** Epoch milliseconds of a Kubernetes timestamp, or undefined when absent or unparsable. */
export function toMillis(t: KubeTime): number | undefined {
  if (t === null || t === undefined || t === '') return undefined;
  const ms = t instanceof Date ? t.getTime() : Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

const isReady = (conditions: readonly KubeCondition[] | undefined): boolean =>
  (conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

const byName = (a: ResourceStatus, b: ResourceStatus): number => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);

/** Nodes: ready when the Ready condition is True; phase Running when ready, else Unknown. Sorted by name. */
export function toNodeStatuses(items: readonly KubeNode[]): ResourceStatus[] {
  return items
    .map((n): ResourceStatus => {
      const ready = isReady(n.status?.conditions);
      const createdAt = toMillis(n.metadata?.creationTimestamp);
      return {
        kind: 'Node', name: n.metadata?.name ?? '', namespace: '', phase: ready ? 'Running' : 'Unknown', ready, restartCount: 0,
        ...(createdAt !== undefined ? { createdAt } : {}),
      };
    })
    .sort(byName);
}

const toPhase = (p: string | undefined): PodPhase => (POD_PHASES as readonly string[]).includes(p ?? '') ? (p as PodPhase) : 'Unknown';

/** Pods other than Succeeded: phase, Ready condition, summed container restarts, node. Sorted by namespace/name. */
export function toPodStatuses(items: readonly KubePod[]): ResourceStatus[] {
  return items
    .filter((p) => p.status?.phase !== 'Succeeded')
    .map((p): ResourceStatus => {
      const createdAt = toMillis(p.metadata?.creationTimestamp);
      const nodeName = p.spec?.nodeName;
      return {
        kind: 'Pod', name: p.metadata?.name ?? '', namespace: p.metadata?.namespace ?? '', phase: toPhase(p.status?.phase),
        ready: isReady(p.status?.conditions),
        restartCount: (p.status?.containerStatuses ?? []).reduce((sum, c) => sum + (c.restartCount ?? 0), 0),
        ...(nodeName ? { nodeName } : {}),
        ...(createdAt !== undefined ? { createdAt } : {}),
      };
    })
    .sort(byName);
}

/** The newest `MAX_EVENTS` events, newest first, by lastTimestamp, eventTime, series or firstTimestamp. */
export function toClusterEvents(context: string, items: readonly KubeEvent[]): ClusterEvent[] {
  return items
    .map((e): ClusterEvent => {
      const obj = e.involvedObject ?? {};
      const lastSeen =
        toMillis(e.lastTimestamp) ?? toMillis(e.eventTime) ?? toMillis(e.series?.lastObservedTime) ?? toMillis(e.firstTimestamp) ?? toMillis(e.metadata?.creationTimestamp) ?? 0;
      return {
        context,
        namespace: e.metadata?.namespace ?? obj.namespace ?? '',
        type: e.type === 'Warning' ? 'Warning' : 'Normal',
        reason: e.reason ?? '',
        message: e.message ?? '',
        object: { kind: obj.kind ?? '', name: obj.name ?? '', ...(obj.namespace ? { namespace: obj.namespace } : {}) },
        count: e.count ?? e.series?.count ?? 1,
        lastSeen,
      };
    })
    .sort((a, b) => b.lastSeen - a.lastSeen)
    .slice(0, MAX_EVENTS);
}

import { KubeObject } from './kube-objects';

type Cell = string | number;
type Column = { name: string; type?: 'string' | 'integer'; wide?: boolean; cell: (o: Any) => Cell };
// Objects here are our own JSON (kube-objects.ts); `any` keeps the column table short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** Kubernetes' short duration format ("45s", "3m12s", "5h", "12d"). */
export function humanAge(since: string | undefined, now = Date.now()): string {
  if (!since) return '<unknown>';
  const s = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

const name: Column = { name: 'Name', cell: (o) => o.metadata.name };
const age: Column = { name: 'Age', cell: (o) => humanAge(o.metadata.creationTimestamp) };
const isTrue = (conds: Array<{ type: string; status: string }> | undefined, type: string) => conds?.some((c) => c.type === type && c.status === 'True') ?? false;

const podStatus = (o: Any): string => {
  const state = o.status.containerStatuses?.[0]?.state ?? {};
  return state.waiting?.reason ?? state.terminated?.reason ?? o.status.phase;
};

const COLUMNS: Record<string, Column[]> = {
  Pod: [
    name,
    { name: 'Ready', cell: (o) => `${o.status.containerStatuses.filter((c: Any) => c.ready).length}/${o.status.containerStatuses.length}` },
    { name: 'Status', cell: podStatus },
    { name: 'Restarts', type: 'integer', cell: (o) => o.status.containerStatuses[0]?.restartCount ?? 0 },
    age,
    { name: 'IP', wide: true, cell: (o) => o.status.podIP ?? '<none>' },
    { name: 'Node', wide: true, cell: (o) => o.spec.nodeName ?? '<none>' },
  ],
  Node: [
    name,
    { name: 'Status', cell: (o) => (isTrue(o.status.conditions, 'Ready') ? 'Ready' : 'NotReady') },
    {
      name: 'Roles',
      cell: (o) =>
        Object.keys(o.metadata.labels ?? {})
          .filter((l) => l.startsWith('node-role.kubernetes.io/'))
          .map((l) => l.slice('node-role.kubernetes.io/'.length))
          .join(',') || '<none>',
    },
    age,
    { name: 'Version', cell: (o) => o.status.nodeInfo.kubeletVersion },
  ],
  Service: [
    name,
    { name: 'Type', cell: (o) => o.spec.type },
    { name: 'Cluster-IP', cell: (o) => o.spec.clusterIP },
    { name: 'External-IP', cell: () => '<none>' },
    { name: 'Port(s)', cell: (o) => o.spec.ports.map((p: Any) => `${p.port}/${p.protocol}`).join(',') || '<none>' },
    age,
  ],
  Deployment: [
    name,
    { name: 'Ready', cell: (o) => `${o.status.readyReplicas}/${o.spec.replicas}` },
    { name: 'Up-to-date', type: 'integer', cell: (o) => o.status.updatedReplicas },
    { name: 'Available', type: 'integer', cell: (o) => o.status.availableReplicas },
    age,
  ],
  StatefulSet: [name, { name: 'Ready', cell: (o) => `${o.status.readyReplicas}/${o.spec.replicas}` }, age],
  Event: [
    { name: 'Last Seen', cell: (o) => humanAge(o.lastTimestamp ?? o.deprecatedLastTimestamp) },
    { name: 'Type', cell: (o) => o.type },
    { name: 'Reason', cell: (o) => o.reason },
    { name: 'Object', cell: (o) => `${String((o.involvedObject ?? o.regarding).kind).toLowerCase()}/${(o.involvedObject ?? o.regarding).name}` },
    { name: 'Message', cell: (o) => o.message ?? o.note },
  ],
  Namespace: [name, { name: 'Status', cell: (o) => o.status.phase }, age],
};

/** True when the client asked for a server-side Table (what `kubectl get` without `-o` does). */
export const wantsTable = (accept: string | undefined): boolean => /as=Table/.test(accept ?? '');

/** Renders objects of one kind as a meta.k8s.io/v1 Table, the way the API server does for `kubectl get`. */
export function toTable(kind: string, objects: KubeObject[]): Record<string, unknown> {
  const columns = COLUMNS[kind] ?? [name, age];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: '1' },
    columnDefinitions: columns.map((c) => ({
      name: c.name,
      type: c.type ?? 'string',
      format: c === name ? 'name' : '',
      description: c.name,
      priority: c.wide ? 1 : 0,
    })),
    rows: objects.map((o) => ({
      cells: columns.map((c) => c.cell(o)),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}

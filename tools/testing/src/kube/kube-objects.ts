import { EventSpec, FakeKubeState, NodeSpec, PodSpec, ServiceSpec, WorkloadSpec } from './fake-kube-state';

/** A Kubernetes object as JSON. */
export type KubeObject = Record<string, unknown> & { metadata: { name: string; namespace?: string; [key: string]: unknown } };

const meta = (spec: { name: string; uid: string; createdAt: string; labels?: Record<string, string> }, namespace?: string) => ({
  name: spec.name,
  ...(namespace === undefined ? {} : { namespace }),
  uid: spec.uid,
  resourceVersion: '1',
  creationTimestamp: spec.createdAt,
  ...(spec.labels && Object.keys(spec.labels).length > 0 ? { labels: { ...spec.labels } } : {}),
});
const condition = (type: string, ok: boolean, reason?: string) => ({ type, status: ok ? 'True' : 'False', ...(reason ? { reason } : {}) });
const matches = (selector: Record<string, string>, labels: Record<string, string>): boolean =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

/** The pods a selector (service or workload) picks in its namespace. */
export const selectedPods = (state: FakeKubeState, owner: { namespace: string; selector: Record<string, string> }): PodSpec[] =>
  state.pods.filter((p) => p.namespace === owner.namespace && matches(owner.selector, p.labels));

/** core/v1 Pod. */
export function podObject(p: PodSpec): KubeObject {
  const running = p.phase === 'Running';
  const containerState = p.waitingReason
    ? { waiting: { reason: p.waitingReason } }
    : running
      ? { running: { startedAt: p.createdAt } }
      : p.phase === 'Pending'
        ? { waiting: { reason: 'ContainerCreating' } }
        : { terminated: { exitCode: p.phase === 'Succeeded' ? 0 : 1, reason: p.phase === 'Succeeded' ? 'Completed' : 'Error' } };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(p, p.namespace),
    spec: {
      ...(p.node ? { nodeName: p.node } : {}),
      containers: [{ name: 'main', image: 'registry.example/app:1.0', ports: p.containerPorts.map((c) => ({ ...c, protocol: 'TCP' })) }],
    },
    status: {
      phase: p.phase,
      conditions: [condition('PodScheduled', Boolean(p.node) || running), condition('Ready', p.ready), condition('ContainersReady', p.ready)],
      ...(p.node ? { hostIP: '192.168.0.10' } : {}),
      ...(running ? { podIP: p.podIP, podIPs: [{ ip: p.podIP }] } : {}),
      startTime: p.createdAt,
      containerStatuses: [
        { name: 'main', ready: p.ready, restartCount: p.restarts, started: running, image: 'registry.example/app:1.0', state: containerState },
      ],
    },
  };
}

/** core/v1 Node; the kubelet version follows the server version. */
export function nodeObject(n: NodeSpec, state: FakeKubeState): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(n),
    spec: {},
    status: {
      conditions: [
        condition('MemoryPressure', false, 'KubeletHasSufficientMemory'),
        condition('Ready', n.ready, n.ready ? 'KubeletReady' : 'KubeletNotReady'),
      ],
      addresses: [{ type: 'InternalIP', address: '192.168.0.10' }, { type: 'Hostname', address: n.name }],
      nodeInfo: { kubeletVersion: state.version.gitVersion, osImage: 'Fake Linux', containerRuntimeVersion: 'fake://1.0', architecture: 'amd64', operatingSystem: 'linux' },
    },
  };
}

/** core/v1 Service. */
export function serviceObject(s: ServiceSpec): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(s, s.namespace),
    spec: {
      type: 'ClusterIP',
      clusterIP: s.clusterIP,
      clusterIPs: [s.clusterIP],
      ...(Object.keys(s.selector).length > 0 ? { selector: { ...s.selector } } : {}),
      ports: s.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, targetPort: p.targetPort, protocol: 'TCP' })),
    },
    status: { loadBalancer: {} },
  };
}

/** core/v1 Endpoints of a service: the ready pods it selects. */
export function endpointsObject(s: ServiceSpec, state: FakeKubeState): KubeObject {
  const ready = selectedPods(state, s).filter((p) => p.phase === 'Running' && p.ready);
  const addresses = ready.map((p) => ({ ip: p.podIP, nodeName: p.node, targetRef: { kind: 'Pod', name: p.name, namespace: p.namespace, uid: p.uid } }));
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: meta(s, s.namespace),
    subsets: addresses.length === 0 ? [] : [{ addresses, ports: s.ports.map((p) => ({ name: p.name, port: typeof p.targetPort === 'number' ? p.targetPort : p.port, protocol: 'TCP' })) }],
  };
}

/** apps/v1 Deployment or StatefulSet, with replica counts taken from the pods it selects. */
export function workloadObject(kind: 'Deployment' | 'StatefulSet', w: WorkloadSpec, state: FakeKubeState): KubeObject {
  const pods = selectedPods(state, w);
  const ready = pods.filter((p) => p.phase === 'Running' && p.ready).length;
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { ...meta(w, w.namespace), generation: 1 },
    spec: {
      replicas: w.replicas,
      selector: { matchLabels: { ...w.selector } },
      ...(kind === 'StatefulSet' ? { serviceName: w.name } : {}),
      template: { metadata: { labels: { ...w.selector } }, spec: { containers: [{ name: 'main', image: 'registry.example/app:1.0' }] } },
    },
    status: { observedGeneration: 1, replicas: pods.length, readyReplicas: ready, availableReplicas: ready, updatedReplicas: pods.length, currentReplicas: pods.length },
  };
}

/** The uid of the object an event is about, so `kubectl describe` (which selects events by uid) finds it. */
function involvedUid(e: EventSpec, state: FakeKubeState): string | undefined {
  const { kind, name } = e.involvedObject;
  const named = <T extends { name: string; uid: string; namespace?: string }>(list: T[]) =>
    list.find((x) => x.name === name && (x.namespace === undefined || x.namespace === e.namespace))?.uid;
  const lists: Record<string, Array<{ name: string; uid: string; namespace?: string }>> = {
    Pod: state.pods,
    Node: state.nodes,
    Service: state.services,
    Deployment: state.deployments,
    StatefulSet: state.statefulsets,
  };
  return lists[kind] ? named(lists[kind]) : undefined;
}

/** core/v1 Event. */
export function eventObject(e: EventSpec, state: FakeKubeState): KubeObject {
  const uid = involvedUid(e, state);
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: e.name, namespace: e.namespace, uid: e.uid, resourceVersion: '1', creationTimestamp: e.firstSeen },
    involvedObject: { apiVersion: 'v1', kind: e.involvedObject.kind, name: e.involvedObject.name, namespace: e.namespace, ...(uid ? { uid } : {}) },
    type: e.type,
    reason: e.reason,
    message: e.message,
    count: e.count,
    firstTimestamp: e.firstSeen,
    lastTimestamp: e.lastSeen,
    source: { component: 'kubelet' },
    reportingComponent: 'kubelet',
  };
}

/** events.k8s.io/v1 Event. */
export function eventV1Object(e: EventSpec, state: FakeKubeState): KubeObject {
  const uid = involvedUid(e, state);
  return {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name: e.name, namespace: e.namespace, uid: e.uid, resourceVersion: '1', creationTimestamp: e.firstSeen },
    regarding: { apiVersion: 'v1', kind: e.involvedObject.kind, name: e.involvedObject.name, namespace: e.namespace, ...(uid ? { uid } : {}) },
    type: e.type,
    reason: e.reason,
    note: e.message,
    deprecatedCount: e.count,
    deprecatedFirstTimestamp: e.firstSeen,
    deprecatedLastTimestamp: e.lastSeen,
    reportingController: 'kubelet',
  };
}

const NAMESPACES_CREATED = new Date().toISOString();

/** core/v1 Namespace. */
export const namespaceObject = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, uid: `ns-${name}`, resourceVersion: '1', creationTimestamp: NAMESPACES_CREATED, labels: { 'kubernetes.io/metadata.name': name } },
  spec: { finalizers: ['kubernetes'] },
  status: { phase: 'Active' },
});

import { FakeKubeState, PodSpec, ServicePortSpec, ServiceSpec } from './fake-kube-state';
import { KubeObject, selectedPods } from './kube-objects';

/** The container port a service port leads to on one pod: the number, or the pod's port of that name. */
export function resolveTargetPort(p: ServicePortSpec, pod: PodSpec): number | undefined {
  if (typeof p.targetPort === 'number') return p.targetPort;
  return pod.containerPorts.find((c) => c.name === p.targetPort)?.containerPort;
}

/**
 * discovery.k8s.io/v1 EndpointSlice of a service (one slice, as the endpointslice controller writes for small
 * services): every scheduled pod the selector picks, with `ready`/`serving`/`terminating` conditions, and the
 * service ports with their target port resolved against the first pod (named ports resolve per pod in real clusters).
 */
export function endpointSliceObject(s: ServiceSpec, state: FakeKubeState): KubeObject {
  const pods = selectedPods(state, s).filter((p) => p.phase === 'Running' || p.phase === 'Pending');
  const first = pods[0];
  const ports = s.ports
    .map((p) => ({ name: p.name ?? '', port: first ? resolveTargetPort(p, first) : typeof p.targetPort === 'number' ? p.targetPort : undefined, protocol: 'TCP' }))
    .filter((p) => p.port !== undefined);
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${s.name}-slice`,
      namespace: s.namespace,
      uid: `${s.uid}-slice`,
      resourceVersion: '1',
      creationTimestamp: s.createdAt,
      labels: { 'kubernetes.io/service-name': s.name, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: s.name, uid: s.uid, controller: true }],
    },
    addressType: 'IPv4',
    endpoints: pods.map((p) => {
      const ready = p.phase === 'Running' && p.ready;
      return {
        addresses: [p.podIP],
        conditions: { ready, serving: ready, terminating: false },
        ...(p.node ? { nodeName: p.node } : {}),
        targetRef: { kind: 'Pod', namespace: p.namespace, name: p.name, uid: p.uid },
      };
    }),
    ports,
  };
}

/** Kubernetes server version as `/version` reports it. The gcloud kubectl dispatcher picks `kubectl.1.<minor>` from it. */
export interface KubeVersion {
  major: string;
  minor: string;
  gitVersion: string;
}

/** Outcome of each health endpoint: `true` answers `ok`, `false` answers HTTP 500. */
export interface KubeHealth {
  readyz: boolean;
  livez: boolean;
  healthz: boolean;
}

/** Pod lifecycle phase (`status.phase`). */
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

/** One declared container port of a pod. */
export interface ContainerPortSpec {
  containerPort: number;
  name?: string;
}

/** A pod with one container. `uid` changes when a pod is recreated, which ends its live port-forwards. */
export interface PodSpec {
  name: string;
  namespace: string;
  uid: string;
  phase: PodPhase;
  ready: boolean;
  labels: Record<string, string>;
  restarts: number;
  node?: string;
  containerPorts: ContainerPortSpec[];
  /** Container waiting reason such as `CrashLoopBackOff` or `ContainerCreating`. */
  waitingReason?: string;
  podIP: string;
  createdAt: string;
}

/** A node; `ready: false` reports the `Ready` condition as `False` (NotReady). */
export interface NodeSpec {
  name: string;
  uid: string;
  ready: boolean;
  labels: Record<string, string>;
  createdAt: string;
}

/** One service port; `targetPort` is a number or the name of a container port. */
export interface ServicePortSpec {
  port: number;
  targetPort: number | string;
  name?: string;
}

/** A ClusterIP service selecting pods by labels. */
export interface ServiceSpec {
  name: string;
  namespace: string;
  uid: string;
  selector: Record<string, string>;
  ports: ServicePortSpec[];
  labels: Record<string, string>;
  clusterIP: string;
  createdAt: string;
}

/** An apps/v1 workload (Deployment or StatefulSet); its status is computed from the pods it selects. */
export interface WorkloadSpec {
  name: string;
  namespace: string;
  uid: string;
  selector: Record<string, string>;
  replicas: number;
  labels: Record<string, string>;
  createdAt: string;
}

/** An apps/v1 Deployment. */
export type DeploymentSpec = WorkloadSpec;
/** An apps/v1 StatefulSet. */
export type StatefulSetSpec = WorkloadSpec;

/** A core/v1 Event (also served as events.k8s.io/v1). */
export interface EventSpec {
  name: string;
  namespace: string;
  uid: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  involvedObject: { kind: string; name: string };
  count: number;
  firstSeen: string;
  lastSeen: string;
}

/** Where a forwarded container port really goes: a loopback TCP server the test runs. */
export interface PortTarget {
  host: string;
  port: number;
}

/** Everything the fake API server serves. Read on every request, so tests may mutate it at any time. */
export interface FakeKubeState {
  version: KubeVersion;
  health: KubeHealth;
  nodes: NodeSpec[];
  pods: PodSpec[];
  services: ServiceSpec[];
  deployments: DeploymentSpec[];
  statefulsets: StatefulSetSpec[];
  events: EventSpec[];
  /** Namespaces that exist besides those any object lives in. */
  namespaces: string[];
  /** "ns/pod" -> containerPort -> where the bytes really go (a loopback TCP server the test runs) */
  portTargets: Record<string, Record<number, PortTarget>>;
}

/** Builds the `version` block for a Kubernetes minor, e.g. `kubeVersion(28)` -> v1.28.0. */
export const kubeVersion = (minor: number, patch = 0): KubeVersion => ({
  major: '1',
  minor: String(minor),
  gitVersion: `v1.${minor}.${patch}`,
});

/** A healthy, empty cluster reporting v1.32.4. */
export const emptyKubeState = (): FakeKubeState => ({
  version: kubeVersion(32, 4),
  health: { readyz: true, livez: true, healthz: true },
  nodes: [],
  pods: [],
  services: [],
  deployments: [],
  statefulsets: [],
  events: [],
  namespaces: ['default', 'kube-system', 'kube-public', 'kube-node-lease'],
  portTargets: {},
});

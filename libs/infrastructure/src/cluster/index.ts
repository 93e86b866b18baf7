/** Cluster-health probes (kubectl CLI and Kubernetes API) and kubeconfig context discovery. */
export * from './cluster-probe.errors';
export * from './kubectl-cluster-probe.adapter';
export * from './api-cluster-probe.adapter';
export * from './kubeconfig-contexts.adapter';
export * from './kubeconfig-loader';
export type { KubectlCapabilities } from './kubectl-capabilities';
export { MAX_EVENTS } from './kube-resource.mapper';
export * from './kubectl-contexts.adapter';

/** @localport/testing/kube: a protocol-accurate fake Kubernetes API server for real kubectl and @kubernetes/client-node. */
export * from './fake-kube-state';
export * from './fake-kube-builders';
export * from './demo-kube-state';
export * from './fake-kube-api-server';
export * from './kubeconfig-writer';
export * from './kubectl-process';
export * from './loopback-echo-server';
export * from './tcp-round-trip';
export type { PortForwardSession, PortForwardTransport } from './port-forward-upgrade';

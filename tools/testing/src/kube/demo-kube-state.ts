import { deployment, node, normalEvent, pod, service, statefulset } from './fake-kube-builders';
import { emptyKubeState, FakeKubeState } from './fake-kube-state';

/**
 * A small healthy cluster: nodes `node-a`/`node-b`; in `default` the pods `web-0` (app=web, port 80 "http") and
 * `postgres-0` (app=postgres, port 5432), services `web` (8080 -> http) and `postgres` (5432), deployment `web`,
 * statefulset `postgres`; in `kube-system` a CoreDNS pod and the `kube-dns` cluster service `kubectl cluster-info` lists.
 * No `portTargets`: point them at your own loopback servers.
 */
export function defaultDemoState(): FakeKubeState {
  const state = emptyKubeState();
  state.nodes = [node('node-a', { labels: { 'node-role.kubernetes.io/control-plane': '' } }), node('node-b')];
  state.pods = [
    pod('web-0', { labels: { app: 'web' }, node: 'node-a', containerPorts: [{ containerPort: 80, name: 'http' }] }),
    pod('postgres-0', { labels: { app: 'postgres' }, node: 'node-b', containerPorts: [{ containerPort: 5432, name: 'postgres' }] }),
    pod('coredns-0', { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' }, node: 'node-a', containerPorts: [53] }),
  ];
  state.services = [
    service('kubernetes', { labels: { component: 'apiserver', provider: 'kubernetes' }, ports: [{ name: 'https', port: 443, targetPort: 6443 }] }),
    service('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 8080, targetPort: 'http' }] }),
    service('postgres', { selector: { app: 'postgres' }, ports: [{ name: 'postgres', port: 5432, targetPort: 5432 }] }),
    service('kube-dns', {
      namespace: 'kube-system',
      selector: { 'k8s-app': 'kube-dns' },
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      ports: [{ name: 'dns', port: 53, targetPort: 53 }],
    }),
  ];
  state.deployments = [deployment('web', { selector: { app: 'web' } })];
  state.statefulsets = [statefulset('postgres', { selector: { app: 'postgres' } })];
  state.events = [
    normalEvent('Started', 'Started container web', { involvedObject: { kind: 'Pod', name: 'web-0' } }),
    normalEvent('Started', 'Started container postgres', { involvedObject: { kind: 'Pod', name: 'postgres-0' } }),
  ];
  return state;
}

// The parts of @kubernetes/client-node that LocalPort uses, named one by one so that bundlers keep only these
// (a require() of the whole package would pull in every generated API). Loaded through kube-client.ts only.
export { ApiException, CoreV1Api, KubeConfig, Observable, VersionApi } from '@kubernetes/client-node';

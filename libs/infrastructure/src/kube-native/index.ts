/** The native kubectl upstream: port-forwards opened by the daemon itself over the API server's WebSocket protocol. */
export { NativeKubeTunnelLauncher } from './native-kube-tunnel-launcher.adapter';
export { KubeApiClients } from './kube-api-clients';
export type { NativeKubeTunnelLauncherOptions, NativeRunningTunnel } from './native-kube-tunnel-launcher.adapter';
export type { KubeConfigLoader } from './kube-api-clients';
export type { Balance } from './target-pods';
export type { PodTarget } from './target-plan';
export type { NativeForwardCounters } from './native-forward';

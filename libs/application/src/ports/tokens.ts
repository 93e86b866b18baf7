import { ClusterGate } from './cluster-gate.port';
import { ClusterProbe, KubeContexts } from './cluster-probe.port';
import { Clock, Random } from './clock.port';
import { ConfigSource } from './config-source.port';
import { ListenerFactory } from './forward-listener.port';
import { HealthProber } from './health-prober.port';
import { Logger, ServiceLogs } from './logger.port';
import { token } from './token';
import { TunnelLauncher } from './tunnel-launcher.port';

/** Container keys for every port. Bound only in apps/*; the core never sees the container. */
export const TOKENS = {
  clock: token<Clock>('clock'),
  random: token<Random>('random'),
  logger: token<Logger>('logger'),
  serviceLogs: token<ServiceLogs>('service-logs'),
  tunnelLaunchers: token<readonly TunnelLauncher[]>('tunnel-launchers'),
  listenerFactory: token<ListenerFactory>('listener-factory'),
  healthProber: token<HealthProber>('health-prober'),
  clusterProbes: token<readonly ClusterProbe[]>('cluster-probes'),
  kubeContexts: token<KubeContexts>('kube-contexts'),
  clusterGate: token<ClusterGate>('cluster-gate'),
  configSource: token<ConfigSource>('config-source'),
} as const;

/**
 * @localport/infrastructure: adapters for kubectl, ssh, sockets, health probes, config files,
 * logging and the clock.
 *
 * This index is the public API: the adapters the composition roots bind to the application's ports,
 * and the few tools the apps use directly. One export statement per area (folder); everything else
 * under `src/` is internal. A new area adds its own statement.
 */

/** Where LocalPort keeps its state, runtime files and logs, and private (0700) directories for them. */
export { ensurePrivateDir, resolveLocalportPaths, type LocalportPaths } from './paths';

/**
 * The YAML config file: `FileConfigSource` (the `ConfigSource` port, with watching; `OffThreadConfigSource`
 * parses it in a worker thread for the daemon), the one path
 * resolver every command uses, loading and parsing with every problem located, and `config show`.
 */
export {
  FileConfigSource, loadConfigFile, OffThreadConfigSource, parseConfigText, renderConfig, resolveConfigPath, serveConfigParseWorker, type FileConfigSourceOptions, type LoadedConfigFile, type ObservabilitySettings,
} from './config';

/** The system clock and randomness (the `Clock` and `Random` ports). */
export { MathRandom, SystemClock } from './clock';

/** Logging: the daemon's winston log (the `Logger` port), per-service log files (`ServiceLogs`), and reading them back. */
export {
  FileServiceLogs, followLog, parseSince, readLogSince, readLogTail, SecretRegisteringConfigSource, WinstonLogger, type FileServiceLogsOptions, type LogLevel, type WinstonLoggerOptions,
} from './logging';

/** Child processes: the ledger that lets a new daemon reap a crashed one's children, and who holds a port. */
export { ChildProcessLedger, findPortOwner, killAllChildren, type PortOwner } from './process';

/** The local listener and relay (the `ListenerFactory` port): bound by the daemon from start to stop; the TCP `HostProbe` of the host gate. */
export { TcpHostProbe, TcpListenerFactory } from './net';

/**
 * Health checks (the `HealthProber` port): the composite the daemon binds, which loads each type's prober
 * on its first check; the health-check type contract and registry (docs/adding-a-technology.md).
 */
export { CompositeHealthProber, healthCheckRegistry, type HealthCheckModule, type HealthCheckRegistry, type TypedHealthProber } from './health';
/** The health-check types this build registers. */
export { HEALTH_CHECKS } from './health-checks';

/** kubectl port-forward tunnels (the `TunnelLauncher` port for `technology: kubectl`). */
export { KubectlTunnelLauncher, type KubectlTunnelLauncherOptions } from './kubectl';

/** ssh tunnels to a Unix socket (the `TunnelLauncher` port for `technology: ssh`), and the `HostProbe` of their first hop (`ssh -G`, then TCP). */
export { SshFirstHopProbe, SshTunnelLauncher, type SshFirstHopProbeOptions, type SshTunnelLauncherOptions } from './ssh';

/** Cluster probes by kubectl or the Kubernetes API (the `ClusterProbe` port) and the kubeconfig's contexts (`KubeContexts`). */
export {
  ApiClusterProbe, KubeconfigContexts, KubectlClusterProbe, KubectlContexts, loadKubeConfig, type ApiClusterProbeOptions, type KubectlClusterProbeOptions,
} from './cluster';

/**
 * The control socket between CLI and daemon: a typed client and server (line-delimited JSON,
 * protocol v1), one handler per method, and the method table (params and results per method).
 */
export {
  ControlClient, ControlError, controlMethods, ControlServer, PROTOCOL_VERSION, routeControl, toWireEvent, type WireDaemonEvent,
  type ControlHandler, type ControlMethod, type ControlParams, type ControlResults, type WireError,
} from './control';

/** The daemon's lock: one daemon per LOCALPORT_HOME, a stale or recycled pid detected; a dead daemon and the tunnels it left. */
export { childLedgerFile, DaemonLock, findDeadDaemon, type DeadDaemon, type OrphanedTunnel } from './daemon';

/** Technologies (`technology:` in the config): the module contract, the registry and the registered ones (docs/adding-a-technology.md). */
export { technologyRegistry, type TechnologyRegistry, type ConnectionMappingContext, type TechnologyModule, type UpstreamContext } from './technology';
/** The technologies this build registers. */
export { TECHNOLOGIES } from './technologies';
/** The cluster-probe providers `cluster_health.provider` may name. */
export { CLUSTER_PROBE_PROVIDERS, type ClusterProbeProvider } from './cluster/cluster-probe-providers';

/**
 * The native Kubernetes forwarder: port-forwards opened in-process over `v4.channel.k8s.io`, following
 * the target's Ready pods (the `TunnelLauncher` port for kubectl services, ADR 0007).
 */
export { KubeApiClients, NativeKubeTunnelLauncher, type Balance, type KubeConfigLoader, type NativeKubeTunnelLauncherOptions, type NativeRunningTunnel, type PodTarget } from './kube-native';

/** The doctor's probing adapters (kubectl, OpenSSH, local ports, the daemon's socket) and what the registered technologies and health checks ask it to check. */
export { BindLocalPortDiagnostics, KubectlCliDiagnostics, OpenSshDiagnostics, registryDoctorDeclarations, SocketDaemonDiagnostics } from './doctor';

/** The optional Prometheus endpoint (`metrics.listen`). */
export { MetricsHttpServer, MetricsListenError } from './metrics';

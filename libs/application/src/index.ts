/**
 * @localport/application: use cases, the supervisor, the cluster-health manager, and the ports they
 * need. No I/O.
 *
 * This index is the public API: what the apps and other internal tools use. Fakes of every port and
 * the contract suites are in `@localport/application/testing` (spec files only). Everything else
 * under `src/` is internal.
 */

/**
 * The front door: one use case per thing a user asks for. The daemon's control socket and the CLI
 * (with no daemon) call the same ones. `GetStatus` reads `StatusSources`: the running daemon
 * (`daemonStatusSources`) or the configuration alone (`configuredStatusSources`).
 */
export {
  configuredStatusSources, daemonStatusSources, DescribeClusters, DescribeDaemon, GetStatus, ListClusterEvents, ListClusterResources, ReloadConfig, RestartServices,
  StartServices, StopServices, UnknownContextError,
} from './use-cases';
export type { ClusterEventsQuery, ContextResource, ServiceReading, StatusSources } from './use-cases';

/** The `status -o json` document (a public contract, see docs/cli.md). */
export type { ClusterStatusView, DaemonStatusView, ServiceStatusView, StatusReport } from './status';

/**
 * Ports (implemented by `@localport/infrastructure`, faked in `/testing`), their errors, and the
 * typed `TOKENS` the composition roots bind them to.
 */
export { BindError, ConfigError, describeEndpoint, formatConfigProblem, HealthCheckFailure, OpenClusterGate, TOKENS, TunnelError } from './ports';
export type {
  Clock, ClusterGate, ClusterProbe, HostProbe, RestartGate, ClusterProbeOptions, ConfigProblem, ConfigSource, ForwardListener, HealthProber, HealthTarget, KubeContexts, LaunchOptions, ListenerFactory,
  ListenerStats, LoadedConfig, LogFields, Logger, Random, RunningTunnel, ServiceLogs, ServiceLogWriter, Timer, Token, TunnelErrorCode, TunnelExit, TunnelLauncher, UpstreamEndpoint, StreamEndpoint, UpstreamStream,
  UpstreamSource,
} from './ports';

/** The supervisor of every service (start/stop/restart a `Selection`, apply a reload plan) and its snapshots. */
export { selectFromServices, SelectionError, Supervisor } from './supervision';
export type { Selection, ServiceChange, ServiceOutcome, ServiceSnapshot, SupervisorDeps } from './supervision';

/** One monitor per kubectl context in use; also the `ClusterGate` the supervisor asks before a restart. */
export { ClusterHealthManager } from './cluster';
export type { ClusterHealthManagerDeps } from './cluster';

/** The gate of ssh services: one prober per `host:port` that services wait on, every 2 s, only while they wait. */
export { HOST_PROBE_INTERVAL_MS, HOST_PROBE_TIMEOUT_MS, HostReachabilityGate } from './reachability';
export type { HostReachabilityGateDeps } from './reachability';

/** The daemon's core: boot, all-or-nothing reloads, shutdown. */
export { LocalportDaemon } from './daemon';
export type { DaemonInfo, ReloadOutcome } from './daemon';

/** The version of LocalPort these libraries belong to. */
export { LOCALPORT_VERSION } from './version';

/** The daemon's event journal (`localport events`): service, cluster and reload events in a ring buffer, recorded from the supervisor's and cluster manager's changes. */
export { DAEMON_EVENT_KINDS, DEFAULT_EVENT_CAPACITY, EventJournal, clusterChangeEvent, recordDaemonEvents, reloadEvent, serviceChangeEvents, type DaemonEvent, type DaemonEventDraft, type DaemonEventKind, type DaemonEventSources, type ReloadSummary } from './events';

/** `localport doctor`: the checks (config, kubectl and contexts, ssh hosts and keys, tcp targets, local ports, the daemon, credentials), their verdicts, the diagnostics ports they use, and what technologies and health checks declare for it. */
export { kubeServices, RunDoctor, sshServices, SUPPORTED_KUBECTL_SKEW, fail, minorSkew, parseKubeVersion, pass, skip, warn, type CheckResult, type CheckStatus, type DaemonDiagnostics, type DoctorProbes, type DoctorReport, type KubeVersion, type KubectlDiagnostics, type LocalPortDiagnostics, type PortHolder, type ProbeFailure, type SshDiagnostics, type SshResolved, type HostKeyChecking, type KubeDoctorService, type SshDoctorTarget, type CredentialHint, type DoctorDeclarations, type DoctorTarget } from './doctor';

/** Prometheus metrics: the text exposition of a status report, and a health prober that keeps each check's duration. */
export { TimedHealthProber, renderPrometheus, type CheckTiming } from './metrics';

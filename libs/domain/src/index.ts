/**
 * @localport/domain: LocalPort's pure model and rules. No I/O, no clock, no dependencies.
 *
 * This index is the public API: it exports on purpose what the other libraries, the apps and other
 * internal tools use. Everything else under `src/` is internal and may change without notice.
 */

/** Results and errors: `Result`/`ok`/`err`/`unwrap`, and the base of every error with a string `code`. */
export { err, InvalidValueError, LocalportError, ok, unwrap } from './shared';
export type { Result, Violation } from './shared';

/**
 * A service and its rules: `createService` validates one (a Result with every violation), its
 * connection (`describeTarget`), health check, restart policy (`decideRestart`), state machine
 * (`transition`, `canTransition`) and the TCP port value type.
 */
export {
  canTransition, createService, DEFAULT_HEALTH_TIMING, DEFAULT_HTTP_STATUSES, DEFAULT_RESTART_POLICY, decideRestart, describeTarget, HEALTH_CHECK_TYPES,
  isActive, isPortNumber, RESOURCE_TYPES, SERVICE_STATES, TECHNOLOGIES, toPortNumber, transition,
} from './service';
export type {
  Connection, HealthCheckSpec, HealthCheckTiming, HealthCheckType, HostKeyChecking, HttpCheck, IllegalTransition, KafkaCheck, KubectlConnection, PortNumber, PostgresCheck,
  ResourceType, RestartDecision, RestartHistory, RestartPolicy, Service, ServiceInput, ServiceState, SshConnection, TcpCheck, Technology,
} from './service';

/**
 * Clusters: what a probe observes (`ClusterInfo`, `ResourceStatus`, `ClusterEvent`), the health
 * derived from it (`deriveClusterHealth`, `allowsRestarts`) and the per-context settings.
 */
export {
  allowsRestarts, CLUSTER_STATUSES, DEFAULT_CLUSTER_HEALTH, deriveClusterHealth, eventObjectName, POD_PHASES, summarizeResources, unknownClusterHealth,
} from './cluster';
export type {
  ClusterCheckOutcome, ClusterEvent, ClusterHealth, ClusterHealthSettings, ClusterInfo, ClusterObservation, ClusterStatus, PodPhase, ResourceStatus, ResourceSummary,
} from './cluster';

/** The whole configuration, and the pure plan of a hot reload (`planReload`: previous → next → actions). */
export { clusterHealthFor, deepEqual, findService, planReload } from './config';
export type { LocalportConfig, ReloadAction } from './config';

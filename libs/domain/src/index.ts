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
 * technology-neutral connection, health check, restart policy (`decideRestart`), state machine
 * (`transition`, `canTransition`), the TCP port value type, and the limits of every setting
 * (written once here; the config schema builds its ranges from them).
 */
export {
  canTransition, checkLimit, CLUSTER_HEALTH_LIMITS, createService, DEFAULT_HEALTH_TIMING, DEFAULT_HTTP_STATUSES, DEFAULT_RESTART_POLICY, decideRestart, HEALTH_CHECK_LIMITS,
  HEALTH_CHECK_TYPES, isActive, isPortNumber, isWaiting, formatHostPort, gateOf, parseHostPort, waitingStateOf, RESTART_POLICY_LIMITS, SERVICE_LIMITS, SERVICE_NAME, SERVICE_STATES, toPortNumber, transition, withinLimit,
} from './service';
export type {
  Connection, HealthCheckSpec, HealthCheckTiming, HealthCheckType, HttpCheck, IllegalTransition, KafkaCheck, Limit, PortNumber, PostgresCheck,
  RestartDecision, RestartHistory, RestartPolicy, Service, ServiceGate, ServiceInput, ServiceState, TcpCheck, Technology, WaitingState,
} from './service';

/** Where a running service can be reached from programs: host, port, URL, and the `localport env` variables. */
export { endpointVariables, envVarPrefix, serviceEndpoint } from './service';
export type { ServiceEndpoint } from './service';

/**
 * The service lifecycle as a pure reducer: `step(state, event, policy, now) → { state, effects }`.
 * Effects that complete later carry an id; a completion with a stale id changes nothing.
 */
export { initialLifecycle, isSettled, step } from './service';
export type {
  LifecycleEffect, LifecycleEffectType, LifecycleEvent, LifecycleEventType, LifecycleFailure, LifecyclePolicy, LifecycleState, LifecycleStep, LifecycleTimer, PortOwner,
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
export { clusterHealthFor, deepEqual, emptyConfig, findService, planReload } from './config';
export type { LocalportConfig, ReloadAction } from './config';

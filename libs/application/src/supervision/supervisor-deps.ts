import { ClusterGate } from '../ports/cluster-gate.port';
import { RestartGate } from '../ports/restart-gate.port';
import { Clock, Random } from '../ports/clock.port';
import { ListenerFactory } from '../ports/forward-listener.port';
import { HealthProber } from '../ports/health-prober.port';
import { Logger, ServiceLogs } from '../ports/logger.port';
import { TunnelLauncher } from '../ports/tunnel-launcher.port';
import { LaunchQueue } from './launch-queue';

/** What a ServiceSupervisor needs from the outside world. */
export interface SupervisorDeps {
  readonly launchers: readonly TunnelLauncher[];
  readonly listeners: ListenerFactory;
  readonly prober: HealthProber;
  readonly gate: ClusterGate;
  /** The gate of services a host gates (ssh); without one they restart per their policy alone. */
  readonly hostGate?: RestartGate;
  readonly clock: Clock;
  readonly random: Random;
  readonly logger: Logger;
  readonly serviceLogs: ServiceLogs;
  /** How long a tunnel may take to become ready. */
  readonly startTimeoutMs: number;
  /** The daemon's launch slots; `Supervisor` makes one when none is given, a lone ServiceSupervisor launches unqueued. */
  readonly launchQueue?: LaunchQueue;
}

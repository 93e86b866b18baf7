import { ServiceState } from '@localport/domain';
import type { TunnelRoute } from '../ports/tunnel-launcher.port';

/** A supervisor's view of one service at one moment. Times are epoch milliseconds. */
export interface ServiceSnapshot {
  readonly name: string;
  readonly state: ServiceState;
  readonly since: number;
  readonly healthy: boolean;
  readonly restarts: number;
  readonly lastError: string | null;
  /** The code of `lastError` (`TUNNEL.AUTH`, `FORWARD.PORT_IN_USE` ...), or null. */
  readonly lastErrorCode: string | null;
  readonly pid: number | null;
  /** The running tunnel's route (forwarder, pod), when it tells one. */
  readonly route?: TunnelRoute | null;
  readonly nextRestartAt: number | null;
}

/** Emitted on every state change (and health flip) of a service. */
export interface ServiceChange {
  readonly previous: ServiceState;
  readonly current: ServiceSnapshot;
}

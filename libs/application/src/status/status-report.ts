import { ClusterStatus, ServiceState, Technology } from '@localport/domain';

/** One service as `status -o json` reports it. Field meanings are a public contract. */
export interface ServiceStatusView {
  readonly name: string;
  readonly technology: Technology;
  readonly localPort: number;
  readonly bindAddress: string;
  /** e.g. `service/postgres:5432`. */
  readonly target: string;
  readonly state: ServiceState;
  /** Result of the last health check; false until one passed. */
  readonly healthy: boolean;
  readonly restarts: number;
  readonly lastError: string | null;
  /** The code of `lastError` (`TUNNEL.AUTH`, `FORWARD.PORT_IN_USE` ...), or null. */
  readonly lastErrorCode: string | null;
  /** kubectl context (resolved current context when the service names none); null for ssh. */
  readonly context: string | null;
  /** The `host:port` an ssh service waits on in `waiting-for-host` (its server, or first ProxyJump hop); null for others. */
  readonly host: string | null;
  /** When the service entered its current state (ISO 8601). */
  readonly since: string;
  readonly tags: readonly string[];
  readonly pid: number | null;
  /** The forwarder of a running kubectl service (`native` or `kubectl`); null otherwise (absent from older daemons). */
  readonly forwarder?: string | null;
  /** The pod a running native service sends new connections to now (`namespace/name`); null otherwise. */
  readonly pod?: string | null;
  readonly connections: { readonly total: number; readonly active: number; readonly bytesIn: number; readonly bytesOut: number };
  /** When the next restart is due (ISO 8601), while one is scheduled. */
  readonly nextRestartAt: string | null;
}

/** One context as `status -o json` and `cluster status` report it. */
export interface ClusterStatusView {
  readonly context: string;
  readonly status: ClusterStatus;
  readonly lastCheck: string | null;
  readonly lastError: string | null;
  readonly consecutiveFailures: number;
  readonly apiServer: string | null;
  readonly version: string | null;
  readonly latencyMs: number | null;
  readonly nodes: { readonly ready: number; readonly total: number };
  readonly pods: { readonly total: number; readonly healthy: number; readonly restarting: number; readonly byPhase: Readonly<Record<string, number>> };
  readonly warningEvents: number;
  readonly provider: string;
  readonly intervalSeconds: number;
  readonly services: readonly string[];
}

export interface DaemonStatusView {
  readonly running: boolean;
  readonly pid?: number;
  readonly uptimeSeconds?: number;
  readonly version?: string;
  readonly configPath?: string;
  /** Why the last reload was rejected, while the previous config keeps running. */
  readonly configError?: string | null;
  readonly lastReloadAt?: string | null;
}

/** The whole `status -o json` document. */
export interface StatusReport {
  readonly daemon: DaemonStatusView;
  readonly services: readonly ServiceStatusView[];
  readonly clusters: readonly ClusterStatusView[];
}

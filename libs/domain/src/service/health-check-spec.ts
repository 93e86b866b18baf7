/** Settings every health check shares. Durations are milliseconds. */
export interface HealthCheckTiming {
  readonly intervalMs: number;
  readonly timeoutMs: number;
  /** Consecutive failed checks before the service counts as unhealthy and is restarted. */
  readonly failureThreshold: number;
  /** Consecutive passed checks before an unhealthy service counts as healthy again. */
  readonly successThreshold: number;
}

/** TCP connect through the local port (or `host:port` when given). */
export interface TcpCheck extends HealthCheckTiming {
  readonly type: 'tcp';
  readonly host?: string;
  readonly port?: number;
}

/** An HTTP(S) request; healthy when the status is expected and the body holds `expectedContent` if set. */
export interface HttpCheck extends HealthCheckTiming {
  readonly type: 'http';
  /** Full URL; when absent, `scheme://127.0.0.1:<local_port><path>`. */
  readonly url?: string;
  readonly scheme: 'http' | 'https';
  readonly path: string;
  readonly method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS';
  readonly expectedStatus: readonly number[];
  readonly expectedContent?: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly verifyTls: boolean;
}

/** The PostgreSQL protocol: `SELECT 1` in a session when a user is given, else a protocol answer from the server. */
export interface PostgresCheck extends HealthCheckTiming {
  readonly type: 'postgres';
  readonly host?: string;
  readonly port?: number;
  readonly database?: string;
  readonly user?: string;
  readonly password?: string;
  readonly sslmode?: 'disable' | 'prefer' | 'require';
}

/** A Kafka protocol round trip (ApiVersions, then Metadata) against the bootstrap servers. */
export interface KafkaCheck extends HealthCheckTiming {
  readonly type: 'kafka';
  /** `host:port` list; when empty, `127.0.0.1:<local_port>`. */
  readonly bootstrapServers: readonly string[];
}

export type HealthCheckSpec = TcpCheck | HttpCheck | PostgresCheck | KafkaCheck;
export type HealthCheckType = HealthCheckSpec['type'];
export const HEALTH_CHECK_TYPES: readonly HealthCheckType[] = ['tcp', 'http', 'postgres', 'kafka'];

/** LocalPort's defaults: a TCP check every 30 s, 5 s timeout, unhealthy after 3 failures. */
export const DEFAULT_HEALTH_TIMING: HealthCheckTiming = { intervalMs: 30_000, timeoutMs: 5_000, failureThreshold: 3, successThreshold: 1 };
export const DEFAULT_HTTP_STATUSES: readonly number[] = [200, 201, 202, 204];

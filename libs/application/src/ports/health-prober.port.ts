import { HealthCheckSpec, LocalportError, Result } from '@localport/domain';

/** A health check did not pass; the message says what was seen ("HTTP 503", "connection refused"). */
export class HealthCheckFailure extends LocalportError {
  constructor(
    readonly code: 'HEALTH.FAILED' | 'HEALTH.TIMEOUT',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Where a check is aimed by default: the service's local port. A spec's own host/port/url wins. */
export interface HealthTarget {
  readonly host: string;
  readonly port: number;
}

/** Runs one health check of any type. Resolves within `spec.timeoutMs` (or when `signal` aborts). */
export interface HealthProber {
  check(spec: HealthCheckSpec, target: HealthTarget, signal: AbortSignal): Promise<Result<void, HealthCheckFailure>>;
}

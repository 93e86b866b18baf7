import { HealthCheckSpec, LocalportError, Result } from '@localport/domain';
import { ForwardListener } from './forward-listener.port';

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
  /**
   * The listener bound on that port, when it is this process's own: a prober may then reach the upstream through
   * it in-process, as a relayed client would, instead of connecting to the port (see the tcp check).
   */
  readonly listener?: ForwardListener;
}

/** Runs one health check of any type. Resolves within `spec.timeoutMs` (or when `signal` aborts). */
export interface HealthProber {
  check(spec: HealthCheckSpec, target: HealthTarget, signal: AbortSignal): Promise<Result<void, HealthCheckFailure>>;
}

import { LocalportError } from '@localport/domain';

/** Why one request of a cluster check failed. Only `UNREACHABLE` and `TIMEOUT` are worth retrying. */
export type ClusterProbeErrorCode =
  | 'CLUSTER.UNREACHABLE'
  | 'CLUSTER.TIMEOUT'
  | 'CLUSTER.NOT_READY'
  | 'CLUSTER.NOT_FOUND'
  | 'CLUSTER.REQUEST_FAILED'
  | 'CLUSTER.CLIENT_MISSING'
  | 'CLUSTER.ABORTED';

const RETRYABLE: ReadonlySet<ClusterProbeErrorCode> = new Set(['CLUSTER.UNREACHABLE', 'CLUSTER.TIMEOUT']);

/** One failed kubectl command or API request within a cluster check; `message` is what the user sees. */
export class ClusterProbeError extends LocalportError {
  constructor(
    readonly code: ClusterProbeErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Timeouts and connection failures may heal by themselves; a 403 or a 404 will not. */
  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

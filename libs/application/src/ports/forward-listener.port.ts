import { LocalportError, Result } from '@localport/domain';
import { UpstreamEndpoint } from './tunnel-launcher.port';

/** Counters of one service's local port since it was opened. */
export interface ListenerStats {
  readonly connectionsTotal: number;
  readonly connectionsActive: number;
  /** Bytes from clients to the upstream. */
  readonly bytesIn: number;
  /** Bytes from the upstream to clients. */
  readonly bytesOut: number;
  readonly dialFailures: number;
}

/** What the relay asks for each client connection. Implemented by the supervisor. */
export interface UpstreamSource {
  /** The current endpoint, or waits until one is ready; null once `timeoutMs` passes without one. */
  acquire(timeoutMs: number): Promise<UpstreamEndpoint | null>;
  /**
   * `endpoint` is dead: dials were refused and the relay confirmed nothing listens there (its socket file is
   * gone, or probe connects were refused too). Never called for a busy upstream (a full backlog) or a timeout.
   */
  reportDialFailure(endpoint: UpstreamEndpoint, message: string): void;
}

/** The local port of a running service; it stays bound from start to stop, across upstream restarts. */
export interface ForwardListener {
  readonly address: string;
  readonly port: number;
  stats(): ListenerStats;
  /** Closes every relayed connection (used when the upstream is replaced); keeps listening. */
  dropConnections(): void;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

/** The local port could not be bound. For PORT_IN_USE, `owner` names the process holding it when it can be found. */
export class BindError extends LocalportError {
  constructor(
    readonly code: 'FORWARD.PORT_IN_USE' | 'FORWARD.BIND_FAILED',
    message: string,
    readonly owner?: { readonly pid: number; readonly command: string },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Opens local ports and relays each accepted connection to the upstream the source hands out. */
export interface ListenerFactory {
  listen(bind: { address: string; port: number }, upstream: UpstreamSource, options: { connectTimeoutMs: number }): Promise<Result<ForwardListener, BindError>>;
}

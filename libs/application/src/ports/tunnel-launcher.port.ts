import { LocalportError, Result, Service, Technology } from '@localport/domain';

/** A connection opened in-process by an upstream (the native Kubernetes forwarder); only infrastructure knows its shape. */
export interface UpstreamStream {
  readonly __upstreamStream?: never;
}

/** An upstream the daemon reaches in-process, without a socket of its own: `open` gives one connection. */
export interface StreamEndpoint {
  readonly kind: 'stream';
  /** Names this upstream in logs and tells one tunnel's endpoint from the next one's. */
  readonly label: string;
  /** One connection, within `timeoutMs`; rejects with an Error saying why not. */
  open(timeoutMs: number): Promise<UpstreamStream>;
}

/** Where the relay dials to reach a running tunnel: kubectl's ephemeral TCP port, ssh's Unix socket, or an in-process stream. */
export type UpstreamEndpoint =
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number }
  | { readonly kind: 'unix'; readonly path: string }
  | StreamEndpoint;

export const describeEndpoint = (e: UpstreamEndpoint): string => (e.kind === 'tcp' ? `${e.host}:${e.port}` : e.kind === 'unix' ? e.path : e.label);

/** Why a tunnel ended or could not start. `permanent` failures (bad auth, missing binary) are not worth a fast retry. */
export class TunnelError extends LocalportError {
  constructor(
    readonly code: TunnelErrorCode,
    message: string,
    readonly permanent = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type TunnelErrorCode =
  | 'TUNNEL.BINARY_MISSING' // kubectl or ssh not found
  | 'TUNNEL.AUTH' // credentials refused (kubectl Unauthorized/Forbidden, ssh Permission denied)
  | 'TUNNEL.HOST_KEY' // ssh host key unknown or changed
  | 'TUNNEL.NOT_FOUND' // resource or context does not exist
  | 'TUNNEL.POD_NOT_RUNNING'
  | 'TUNNEL.LOST_CONNECTION' // kubectl "lost connection to pod", ssh connection closed
  | 'TUNNEL.UNREACHABLE' // API server / ssh host cannot be reached
  | 'TUNNEL.START_TIMEOUT'
  | 'TUNNEL.EXITED'; // anything else: the process ended

/** How a running tunnel ended; `error` is its best explanation from the process output. */
export interface TunnelExit {
  readonly code: number | null;
  readonly signal: string | null;
  readonly error: TunnelError;
}

/** How a running tunnel reaches its target now, for `status`: which forwarder, and the pod new connections go to (if it knows). */
export interface TunnelRoute {
  /** e.g. `native` or `kubectl` for a kubectl service. */
  readonly forwarder: string;
  /** The pod new connections go to now (`namespace/name`), or null when the forwarder does not say or none is Ready. */
  readonly pod: string | null;
}

/** A started tunnel. `exited` resolves (never rejects) when the process ends, whoever ended it. */
export interface RunningTunnel {
  readonly endpoint: UpstreamEndpoint;
  readonly pid: number | null;
  /** Where it leads right now; upstreams with nothing to add leave it out. */
  route?(): TunnelRoute;
  readonly exited: Promise<TunnelExit>;
  /** Ends the process (SIGTERM, then SIGKILL after a grace period); resolves once it is gone. */
  stop(): Promise<void>;
}

export interface LaunchOptions {
  /** Aborting cancels a launch in progress (the child is killed). */
  readonly signal: AbortSignal;
  /** Receives each line the child prints (stdout and stderr), for the service log. */
  readonly output: (line: string) => void;
  /** How long to wait for the tunnel to be ready before failing with TUNNEL.START_TIMEOUT. */
  readonly startTimeoutMs: number;
}

/** Starts one upstream tunnel for a service of its technology; resolves once its endpoint accepts connections. */
export interface TunnelLauncher {
  readonly technology: Technology;
  launch(service: Service, options: LaunchOptions): Promise<Result<RunningTunnel, TunnelError>>;
}

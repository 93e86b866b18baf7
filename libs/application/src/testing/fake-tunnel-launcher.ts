import { err, ok, Result, Service, Technology } from '@localport/domain';
import { LaunchOptions, RunningTunnel, TunnelError, TunnelExit, TunnelLauncher, UpstreamEndpoint } from '../ports/tunnel-launcher.port';

/** A tunnel made by FakeTunnelLauncher; tests end it with crash(). */
export class FakeTunnel implements RunningTunnel {
  readonly exited: Promise<TunnelExit>;
  stopped = false;
  private resolveExit!: (exit: TunnelExit) => void;
  constructor(
    readonly endpoint: UpstreamEndpoint,
    readonly pid: number,
  ) {
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
  }
  /** The process dies on its own. */
  crash(error = new TunnelError('TUNNEL.LOST_CONNECTION', 'error: lost connection to pod')): void {
    this.resolveExit({ code: 1, signal: null, error });
  }
  async stop(): Promise<void> {
    this.stopped = true;
    this.resolveExit({ code: null, signal: 'SIGTERM', error: new TunnelError('TUNNEL.EXITED', 'stopped') });
  }
}

/** Launches fake tunnels; `failNext` makes the next launches fail with the given errors, `throwNext` throw, `hangNext` never answer. */
export class FakeTunnelLauncher implements TunnelLauncher {
  readonly launched: { service: Service; tunnel: FakeTunnel | null }[] = [];
  readonly failures: TunnelError[] = [];
  readonly throws: Error[] = [];
  /** Launches still to come that never answer, not even to an abort. */
  hangs = 0;
  private pid = 1000;
  constructor(readonly technology: Technology = 'kubectl') {}

  failNext(...errors: TunnelError[]): void {
    this.failures.push(...errors);
  }

  get current(): FakeTunnel | null {
    return this.launched[this.launched.length - 1]?.tunnel ?? null;
  }

  throwNext(...errors: Error[]): void {
    this.throws.push(...errors);
  }

  hangNext(count = 1): void {
    this.hangs += count;
  }

  /** Launches in progress now, and the most there ever were at once. */
  inFlight = 0;
  maxInFlight = 0;
  private paused: Promise<void> | null = null;
  private resumePaused: () => void = () => undefined;

  /** Launches wait (in flight) until resume(). */
  pause(): void {
    this.paused = new Promise((resolve) => (this.resumePaused = resolve));
  }

  resume(): void {
    this.resumePaused();
    this.paused = null;
  }

  async launch(service: Service, options: LaunchOptions): Promise<Result<RunningTunnel, TunnelError>> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.paused) await this.paused;
      return await this.launchNow(service, options);
    } finally {
      this.inFlight--;
    }
  }

  private async launchNow(service: Service, options: LaunchOptions): Promise<Result<RunningTunnel, TunnelError>> {
    const thrown = this.throws.shift();
    if (thrown) {
      this.launched.push({ service, tunnel: null });
      throw thrown;
    }
    if (this.hangs > 0) {
      this.hangs--;
      this.launched.push({ service, tunnel: null });
      return new Promise(() => undefined);
    }
    const failure = this.failures.shift();
    if (failure) {
      this.launched.push({ service, tunnel: null });
      options.output(failure.message);
      return err(failure);
    }
    const pid = this.pid++;
    const tunnel = new FakeTunnel({ kind: 'tcp', host: '127.0.0.1', port: 40000 + (pid % 20000) }, pid);
    this.launched.push({ service, tunnel });
    options.output(`Forwarding from ${tunnel.endpoint.kind === 'tcp' ? tunnel.endpoint.port : ''}`);
    return ok(tunnel);
  }
}

import { err, ok, Result, Service, Technology } from '@localport/domain';
import { Clock } from '../ports/clock.port';
import { LaunchOptions, RunningTunnel, TunnelError, TunnelExit, TunnelLauncher, UpstreamEndpoint } from '../ports/tunnel-launcher.port';

/** A tunnel made by FakeTunnelLauncher; tests end it with crash() or kill(). */
export class FakeTunnel implements RunningTunnel {
  readonly exited: Promise<TunnelExit>;
  stopped = false;
  ended = false;
  private resolveExit!: (exit: TunnelExit) => void;
  constructor(
    readonly endpoint: UpstreamEndpoint,
    readonly pid: number,
  ) {
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
  }
  /** The process dies on its own. */
  crash(error = new TunnelError('TUNNEL.LOST_CONNECTION', 'error: lost connection to pod')): void {
    this.end({ code: 1, signal: null, error });
  }
  /** The process is killed by a signal, as `kill -9` would. */
  kill(signal = 'SIGKILL'): void {
    this.end({ code: null, signal, error: new TunnelError('TUNNEL.EXITED', `the tunnel process was killed by ${signal}`) });
  }
  async stop(): Promise<void> {
    this.stopped = true;
    this.end({ code: null, signal: 'SIGTERM', error: new TunnelError('TUNNEL.EXITED', 'stopped') });
  }
  private end(exit: TunnelExit): void {
    this.ended = true;
    this.resolveExit(exit);
  }
}

/**
 * Launches fake tunnels; `failNext` makes the next launches fail with the given errors, `hangNext`
 * makes the next one wait (like a silent server) until its start timeout passes on the clock or it is
 * aborted, `throwNext` throw, and `neverAnswerNext` never answer, not even to an abort.
 */
export class FakeTunnelLauncher implements TunnelLauncher {
  readonly launched: { service: Service; tunnel: FakeTunnel | null }[] = [];
  readonly failures: TunnelError[] = [];
  readonly throws: Error[] = [];
  private hangs = 0;
  /** Launches still to come that never answer, not even to an abort. */
  silent = 0;
  /** Launches in progress now, and the most there ever were at once. */
  inFlight = 0;
  maxInFlight = 0;
  private paused: Promise<void> | null = null;
  private resumePaused: () => void = () => undefined;
  private pid = 1000;
  constructor(
    readonly technology: Technology = 'kubectl',
    private readonly clock?: Clock,
  ) {}

  failNext(...errors: TunnelError[]): void {
    this.failures.push(...errors);
  }

  /** The next launch hangs; it fails with TUNNEL.START_TIMEOUT after `startTimeoutMs` on the clock, or when aborted. */
  hangNext(): void {
    if (!this.clock) throw new Error('FakeTunnelLauncher needs a clock to hang');
    this.hangs++;
  }

  throwNext(...errors: Error[]): void {
    this.throws.push(...errors);
  }

  neverAnswerNext(count = 1): void {
    this.silent += count;
  }

  /** Launches wait (in flight) until resume(). */
  pause(): void {
    this.paused = new Promise((resolve) => (this.resumePaused = resolve));
  }

  resume(): void {
    this.resumePaused();
    this.paused = null;
  }

  get current(): FakeTunnel | null {
    return this.launched[this.launched.length - 1]?.tunnel ?? null;
  }

  /** The tunnel serving `endpoint`, if this launcher made it. */
  tunnelAt(endpoint: UpstreamEndpoint): FakeTunnel | undefined {
    return this.launched.find((l) => l.tunnel && JSON.stringify(l.tunnel.endpoint) === JSON.stringify(endpoint))?.tunnel ?? undefined;
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
    if (this.silent > 0) {
      this.silent--;
      this.launched.push({ service, tunnel: null });
      return new Promise(() => undefined);
    }
    if (options.signal.aborted) return err(new TunnelError('TUNNEL.EXITED', `${this.technology} launch was cancelled`));
    const failure = this.failures.shift() ?? (this.hangs > 0 ? await this.hang(options) : undefined);
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

  private hang(options: LaunchOptions): Promise<TunnelError> {
    this.hangs--;
    return new Promise((resolve) => {
      const timer = this.clock!.setTimer(options.startTimeoutMs, () => resolve(new TunnelError('TUNNEL.START_TIMEOUT', `${this.technology} was not ready within ${options.startTimeoutMs} ms`)));
      options.signal.addEventListener('abort', () => {
        timer.cancel();
        resolve(new TunnelError('TUNNEL.EXITED', `${this.technology} launch was cancelled`));
      }, { once: true });
    });
  }
}

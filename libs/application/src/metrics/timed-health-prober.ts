import { HealthCheckSpec, Result } from '@localport/domain';
import { Clock } from '../ports/clock.port';
import { HealthCheckFailure, HealthProber, HealthTarget } from '../ports/health-prober.port';

/** The last health check aimed at one port: how long it took and whether it passed. */
export interface CheckTiming {
  readonly seconds: number;
  readonly ok: boolean;
}

/** A HealthProber that remembers how long the last check aimed at each local port took (monotonic clock). */
export class TimedHealthProber implements HealthProber {
  private readonly last = new Map<number, CheckTiming>();

  constructor(
    private readonly inner: HealthProber,
    private readonly clock: Clock,
  ) {}

  async check(spec: HealthCheckSpec, target: HealthTarget, signal: AbortSignal): Promise<Result<void, HealthCheckFailure>> {
    const started = this.clock.monotonic();
    const result = await this.inner.check(spec, target, signal);
    this.last.set(target.port, { seconds: (this.clock.monotonic() - started) / 1000, ok: result.ok });
    return result;
  }

  /** The last check aimed at `port`, if any. */
  lastCheck(port: number): CheckTiming | undefined {
    return this.last.get(port);
  }
}

import { err, HealthCheckSpec, ok, Result } from '@localport/domain';
import { Clock } from '../ports/clock.port';
import { HealthCheckFailure, HealthProber, HealthTarget } from '../ports/health-prober.port';

/**
 * Health checks whose answers tests set per port: healthy unless told otherwise. A hung port (needs
 * a clock) answers HEALTH.TIMEOUT after the spec's timeout; a cancelled check fails at once, as the real ones do.
 */
export class FakeHealthProber implements HealthProber {
  readonly checks: { spec: HealthCheckSpec; target: HealthTarget }[] = [];
  private readonly unhealthy = new Map<number, string>();
  private readonly hung = new Set<number>();

  constructor(private readonly clock?: Clock) {}

  setHealthy(port: number, healthy: boolean, message = 'connection refused'): void {
    if (healthy) this.unhealthy.delete(port);
    else this.unhealthy.set(port, message);
  }

  /** Checks of `port` never get an answer. */
  hang(port: number): void {
    if (!this.clock) throw new Error('FakeHealthProber needs a clock to hang');
    this.hung.add(port);
  }

  async check(spec: HealthCheckSpec, target: HealthTarget, signal?: AbortSignal): Promise<Result<void, HealthCheckFailure>> {
    this.checks.push({ spec, target });
    if (signal?.aborted) return err(new HealthCheckFailure('HEALTH.FAILED', `${spec.type} check was cancelled`));
    if (this.hung.has(target.port)) return this.timeout(spec, target, signal);
    const failure = this.unhealthy.get(target.port);
    return failure === undefined ? ok(undefined) : err(new HealthCheckFailure('HEALTH.FAILED', failure));
  }

  checksOf(port: number): number {
    return this.checks.filter((c) => c.target.port === port).length;
  }

  private timeout(spec: HealthCheckSpec, target: HealthTarget, signal?: AbortSignal): Promise<Result<void, HealthCheckFailure>> {
    return new Promise((resolve) => {
      const timer = this.clock!.setTimer(spec.timeoutMs, () => resolve(err(new HealthCheckFailure('HEALTH.TIMEOUT', `${spec.type} check of ${target.host}:${target.port} timed out after ${spec.timeoutMs} ms`))));
      signal?.addEventListener('abort', () => {
        timer.cancel();
        resolve(err(new HealthCheckFailure('HEALTH.FAILED', `${spec.type} check was cancelled`)));
      }, { once: true });
    });
  }
}

import { err, HealthCheckSpec, ok, Result } from '@localport/domain';
import { HealthCheckFailure, HealthProber, HealthTarget } from '../ports/health-prober.port';

/** Health checks whose answers tests set per port: healthy unless told otherwise. */
export class FakeHealthProber implements HealthProber {
  readonly checks: { spec: HealthCheckSpec; target: HealthTarget }[] = [];
  private readonly unhealthy = new Map<number, string>();

  setHealthy(port: number, healthy: boolean, message = 'connection refused'): void {
    if (healthy) this.unhealthy.delete(port);
    else this.unhealthy.set(port, message);
  }

  async check(spec: HealthCheckSpec, target: HealthTarget): Promise<Result<void, HealthCheckFailure>> {
    this.checks.push({ spec, target });
    const failure = this.unhealthy.get(target.port);
    return failure === undefined ? ok(undefined) : err(new HealthCheckFailure('HEALTH.FAILED', failure));
  }

  checksOf(port: number): number {
    return this.checks.filter((c) => c.target.port === port).length;
  }
}

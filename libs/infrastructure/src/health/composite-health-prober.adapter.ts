import { HealthCheckFailure, HealthProber, HealthTarget, Logger } from '@localport/application';
import { err, HealthCheckSpec } from '@localport/domain';
import { HEALTH_CHECKS } from '../health-checks';
import { rawTextOf } from '../net/plain-failure';
import { HealthCheckRegistry } from './health-check-registry';
import { TypedHealthProber } from './typed-health-prober';
import { CheckResult } from './with-deadline';

/**
 * The HealthProber the daemon uses: sends each check to the prober of its type, found in the registry and
 * loaded on the first check of that type (a daemon without kafka checks never loads the Kafka code).
 */
export class CompositeHealthProber implements HealthProber {
  private readonly probers = new Map<string, Promise<TypedHealthProber<HealthCheckSpec>>>();

  /** `log`: failures are said in user words; their raw text (OpenSSL's, pg's …) goes to this log at debug. */
  constructor(
    private readonly checks: HealthCheckRegistry = HEALTH_CHECKS,
    private readonly log?: Logger,
  ) {}

  async check(spec: HealthCheckSpec, target: HealthTarget, signal: AbortSignal): Promise<CheckResult> {
    const result = await this.dispatch(spec, target, signal);
    if (!result.ok && result.error.cause !== undefined) {
      this.log?.debug('health check failed', { check: spec.type, port: target.port, error: result.error.message, raw: rawTextOf(result.error.cause).message });
    }
    return result;
  }

  private async dispatch(spec: HealthCheckSpec, target: HealthTarget, signal: AbortSignal): Promise<CheckResult> {
    const module = this.checks.get(spec.type);
    if (!module) return err(new HealthCheckFailure('HEALTH.FAILED', `no health check of type ${JSON.stringify(spec.type)} is registered`));
    let prober = this.probers.get(spec.type);
    if (!prober) this.probers.set(spec.type, (prober = module.loadProber()));
    try {
      return await (await prober).check(spec, target, signal);
    } catch (e) {
      // A prober never rejects; only loading one can (a bundle without it). Try again next time.
      this.probers.delete(spec.type);
      return err(new HealthCheckFailure('HEALTH.FAILED', `the ${spec.type} health check could not be loaded: ${e instanceof Error ? e.message : String(e)}`, { cause: e }));
    }
  }
}

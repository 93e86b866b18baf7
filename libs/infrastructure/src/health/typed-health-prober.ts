import { HealthTarget } from '@localport/application';
import { HealthCheckSpec } from '@localport/domain';
import { CheckResult } from './with-deadline';

/** A prober for one check type; CompositeHealthProber picks one by `spec.type`. Never rejects. */
export interface TypedHealthProber<S extends HealthCheckSpec> {
  check(spec: S, target: HealthTarget, signal: AbortSignal): Promise<CheckResult>;
}

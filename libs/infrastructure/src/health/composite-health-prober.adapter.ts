import { HealthProber, HealthTarget, Logger } from '@localport/application';
import { rawTextOf } from '../net/plain-failure';
import { HealthCheckSpec, HttpCheck, KafkaCheck, PostgresCheck, TcpCheck } from '@localport/domain';
import { HttpHealthProber } from './http-health-prober.adapter';
import { KafkaHealthProber } from './kafka-health-prober.adapter';
import { PostgresHealthProber } from './postgres-health-prober.adapter';
import { TcpHealthProber } from './tcp-health-prober.adapter';
import { TypedHealthProber } from './typed-health-prober';
import { CheckResult } from './with-deadline';

/** The probers by check type; each can be swapped (in tests, or for another implementation). */
export interface HealthProbers {
  readonly tcp: TypedHealthProber<TcpCheck>;
  readonly http: TypedHealthProber<HttpCheck>;
  readonly postgres: TypedHealthProber<PostgresCheck>;
  readonly kafka: TypedHealthProber<KafkaCheck>;
}

/** The HealthProber the daemon uses: dispatches each check to the prober of its type. */
export class CompositeHealthProber implements HealthProber {
  private readonly probers: HealthProbers;

  /** `log`: failures are said in user words; their raw text (OpenSSL's, pg's …) goes to this log at debug. */
  constructor(
    probers: Partial<HealthProbers> = {},
    private readonly log?: Logger,
  ) {
    this.probers = {
      tcp: probers.tcp ?? new TcpHealthProber(),
      http: probers.http ?? new HttpHealthProber(),
      postgres: probers.postgres ?? new PostgresHealthProber(),
      kafka: probers.kafka ?? new KafkaHealthProber(),
    };
  }

  async check(spec: HealthCheckSpec, target: HealthTarget, signal: AbortSignal): Promise<CheckResult> {
    const result = await this.dispatch(spec, target, signal);
    if (!result.ok && result.error.cause !== undefined) {
      this.log?.debug('health check failed', { check: spec.type, port: target.port, error: result.error.message, raw: rawTextOf(result.error.cause).message });
    }
    return result;
  }

  private dispatch(spec: HealthCheckSpec, target: HealthTarget, signal: AbortSignal): Promise<CheckResult> {
    switch (spec.type) {
      case 'tcp':
        return this.probers.tcp.check(spec, target, signal);
      case 'http':
        return this.probers.http.check(spec, target, signal);
      case 'postgres':
        return this.probers.postgres.check(spec, target, signal);
      case 'kafka':
        return this.probers.kafka.check(spec, target, signal);
    }
  }
}

import { HealthProber, HealthTarget } from '@localport/application';
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

  constructor(probers: Partial<HealthProbers> = {}) {
    this.probers = {
      tcp: probers.tcp ?? new TcpHealthProber(),
      http: probers.http ?? new HttpHealthProber(),
      postgres: probers.postgres ?? new PostgresHealthProber(),
      kafka: probers.kafka ?? new KafkaHealthProber(),
    };
  }

  check(spec: HealthCheckSpec, target: HealthTarget, signal: AbortSignal): Promise<CheckResult> {
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

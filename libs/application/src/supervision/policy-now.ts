import { LifecyclePolicy, Service } from '@localport/domain';
import { Random } from '../ports/clock.port';
import { GateBinding } from './technology-lookups';

/** The rules of `service` and what the world says right now (its gate, a jitter sample), for one lifecycle step. */
export function policyNow(service: Service, gate: GateBinding | null, random: Random): LifecyclePolicy {
  return {
    restart: service.restartPolicy,
    health: service.healthCheck,
    gated: gate !== null,
    gateOpen: gate === null || gate.gate.allowsRestart(gate.key),
    waitingState: gate?.waitingState ?? 'waiting-for-cluster',
    jitterSample: random.next(),
  };
}

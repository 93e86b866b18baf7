import { LifecyclePolicy, Service } from '@localport/domain';
import { ClusterGate } from '../ports/cluster-gate.port';
import { Random } from '../ports/clock.port';
import { gateContext } from './technology-lookups';

/** The rules of `service` and what the world says right now (the gate, a jitter sample), for one lifecycle step. */
export function policyNow(service: Service, gate: ClusterGate, random: Random): LifecyclePolicy {
  const context = gateContext(service);
  return {
    restart: service.restartPolicy,
    health: service.healthCheck,
    gated: context !== null,
    gateOpen: context === null || gate.allowsRestart(context),
    jitterSample: random.next(),
  };
}

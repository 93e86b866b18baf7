import { gateOf, Service, WaitingState, waitingStateOf } from '@localport/domain';
import { RestartGate } from '../ports/restart-gate.port';
import { TunnelLauncher } from '../ports/tunnel-launcher.port';
import { SupervisorDeps } from './supervisor-deps';

/** The gate that governs a service's restarts, the key it is known by there, and what the service shows while it is closed. */
export interface GateBinding {
  readonly gate: RestartGate;
  readonly key: string;
  readonly waitingState: WaitingState;
}

/**
 * The gate of `service` (its technology declared what it waits on when the config was loaded: a kube
 * context → the cluster gate, a host → the host gate), or null when none does or none is wired.
 * The one place the supervisor asks this.
 */
export function gateFor(deps: Pick<SupervisorDeps, 'gate' | 'hostGate'>, service: Service): GateBinding | null {
  const declared = gateOf(service);
  if (!declared) return null;
  const gate = declared.kind === 'cluster' ? deps.gate : deps.hostGate;
  return gate ? { gate, key: declared.key, waitingState: waitingStateOf(declared.kind) } : null;
}

/** The launcher for `service`'s technology. The one place the supervisor looks one up. */
export function launcherFor(launchers: readonly TunnelLauncher[], service: Service): TunnelLauncher | undefined {
  return launchers.find((l) => l.technology === service.technology);
}

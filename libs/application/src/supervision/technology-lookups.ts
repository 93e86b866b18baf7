import { Service } from '@localport/domain';
import { TunnelLauncher } from '../ports/tunnel-launcher.port';

/**
 * The kube context whose cluster gate governs `service`'s restarts (resolved when the config was
 * loaded), or null when no gate does. The one place the supervisor asks this.
 */
export function gateContext(service: Service): string | null {
  return service.kubeContext;
}

/** The launcher for `service`'s technology. The one place the supervisor looks one up. */
export function launcherFor(launchers: readonly TunnelLauncher[], service: Service): TunnelLauncher | undefined {
  return launchers.find((l) => l.technology === service.technology);
}

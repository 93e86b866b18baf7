import { LaunchOptions, Logger, RunningTunnel, TunnelError, TunnelLauncher } from '@localport/application';
import { ok, Result, Service } from '@localport/domain';
import { loadKubeConfig } from '../cluster/kubeconfig-loader';
import { SystemClock } from '../clock/system-clock.adapter';
import { KubeApiClients } from '../kube-native/kube-api-clients';
import { NativeKubeTunnelLauncher } from '../kube-native/native-kube-tunnel-launcher.adapter';
import type { UpstreamContext } from '../technology/technology';
import { Forwarder, forwarderOf, isKubectlConnection } from './kubectl-connection';
import { KubectlTunnelLauncher } from './kubectl-tunnel-launcher.adapter';

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => silent };

/** The kubectl technology's one upstream: each service goes to the forwarder its config resolved (`connection.forwarder`). */
export class ForwarderSwitch implements TunnelLauncher {
  readonly technology = 'kubectl' as const;

  constructor(private readonly forwarder: (f: Forwarder) => TunnelLauncher) {}

  async launch(service: Service, options: LaunchOptions): Promise<Result<RunningTunnel, TunnelError>> {
    const c = service.connection;
    const forwarder = isKubectlConnection(c) ? forwarderOf(c) : 'native';
    const started = await this.forwarder(forwarder).launch(service, options);
    // kubectl says nothing about the pod it picked; status still shows which forwarder runs the service.
    if (started.ok && !started.value.route) return ok(Object.assign(started.value, { route: () => ({ forwarder, pod: null }) }));
    return started;
  }
}

/**
 * Builds the switch over both forwarders. The native one is built on first use, and even then client-node is
 * loaded only when it reads the kubeconfig: a daemon with no kubectl service never loads it.
 */
export function kubectlUpstream(ctx: UpstreamContext): ForwarderSwitch {
  const kubectl = new KubectlTunnelLauncher({ kubectl: ctx.env['LOCALPORT_KUBECTL'], env: ctx.env, ledger: ctx.ledger });
  let native: NativeKubeTunnelLauncher | undefined;
  const makeNative = (): NativeKubeTunnelLauncher =>
    new NativeKubeTunnelLauncher(ctx.kubeApiClients ?? new KubeApiClients(() => loadKubeConfig({ env: ctx.env })), ctx.logger ?? silent, ctx.clock ?? new SystemClock(), {
      balance: (s) => (isKubectlConnection(s.connection) && s.connection.balance === 'round-robin' ? 'round-robin' : 'sticky'),
    });
  return new ForwarderSwitch((f) => (f === 'kubectl' ? kubectl : (native ??= makeNative())));
}

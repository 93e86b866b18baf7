import { RunningTunnel, TunnelLauncher } from '@localport/application';
import { createService, DEFAULT_HEALTH_TIMING, DEFAULT_RESTART_POLICY, Service, unwrap } from '@localport/domain';
import { KubectlTunnelLauncher, loadKubeConfig, NativeKubeTunnelLauncher, NativeKubeTunnelLauncherOptions, SystemClock, TcpListenerFactory } from '@localport/infrastructure';
import { ControlledUpstream } from '@localport/testing/loopback';
import { startKubectlPortForward } from '@localport/testing/kube';
import { dirname } from 'node:path';

/** One way to reach a pod's port from 127.0.0.1:port, and how to take it down. */
export interface ForwardPath {
  readonly name: string;
  readonly port: number;
  /** kubectl's pid, when a kubectl process carries the bytes. */
  readonly pid?: number;
  /** Launches after the first (the kubectl forwarder relaunched after its kubectl exited). */
  readonly relaunches?: () => number;
  stop(): Promise<void>;
}

/** A kubectl service on `<resourceType>/<name>:80` (default `service/app-i`). */
export const benchService = (i: number, resourceType: 'service' | 'deployment' | 'statefulset' = 'service', resourceName = `app-${i}`): Service =>
  unwrap(
    createService({
      name: `${resourceType}-${resourceName}`,
      localPort: 20_000 + i,
      remotePort: 80,
      bindAddress: '127.0.0.1',
      connection: { technology: 'kubectl', resourceType, resourceName, namespace: 'default' },
      target: `${resourceType}/${resourceName}:80`,
      kubeContext: null,
      healthCheck: { type: 'tcp', ...DEFAULT_HEALTH_TIMING },
      restartPolicy: DEFAULT_RESTART_POLICY,
      tags: [],
      enabled: true,
      connectTimeoutMs: 10_000,
    }),
  );

const silentLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => silentLogger };
const kubectlEnv = (kubeconfig: string): NodeJS.ProcessEnv => ({ ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: `${dirname(kubeconfig)}/cache` });
const launchOptions = () => ({ signal: new AbortController().signal, output: () => undefined, startTimeoutMs: 30_000 });

/** The native forwarder for a kubeconfig, as the daemon would build it. */
export const nativeLauncher = (kubeconfig: string, options: NativeKubeTunnelLauncherOptions = {}): NativeKubeTunnelLauncher =>
  new NativeKubeTunnelLauncher(() => loadKubeConfig({ env: { KUBECONFIG: kubeconfig } }), silentLogger, new SystemClock(), options);

/** Launches through a TunnelLauncher and puts LocalPort's relay in front, as the daemon does. */
export async function relayedPath(name: string, launcher: TunnelLauncher, service: Service): Promise<ForwardPath & { tunnel: RunningTunnel }> {
  const launched = await launcher.launch(service, launchOptions());
  if (!launched.ok) throw new Error(`${name}: ${launched.error.message}`);
  const tunnel = launched.value;
  const listener = unwrap(await new TcpListenerFactory().listen({ address: '127.0.0.1', port: 0 }, new ControlledUpstream(tunnel.endpoint), { connectTimeoutMs: 10_000 }));
  return { name, port: listener.port, pid: tunnel.pid ?? undefined, tunnel, stop: async () => void (await Promise.all([listener.close(), tunnel.stop()])) };
}

/** Plain `kubectl port-forward <resource> :80`, as a user would run it. */
export async function plainKubectlPath(kubeconfig: string, resource: string): Promise<ForwardPath> {
  const pf = await startKubectlPortForward(resource, ':80', { env: kubectlEnv(kubeconfig), timeoutMs: 3_600_000 });
  return { name: 'plain kubectl port-forward', port: pf.localPort, stop: async () => void (await pf.stop()) };
}

/**
 * The kubectl forwarder: LocalPort's relay in front of a `kubectl port-forward` child, relaunched at once whenever it
 * exits, the way the daemon's restart policy does (without its backoff, so this favours kubectl).
 */
export async function kubectlForwarderPath(kubeconfig: string, service: Service): Promise<ForwardPath> {
  const launcher = new KubectlTunnelLauncher({ env: kubectlEnv(kubeconfig) });
  const upstream = new ControlledUpstream(null);
  let stopped = false;
  let launches = 0;
  let current: RunningTunnel | null = null;
  const launch = async (): Promise<void> => {
    while (!stopped) {
      launches++;
      const r = await launcher.launch(service, launchOptions());
      if (r.ok) {
        current = r.value;
        if (stopped) return void (await r.value.stop());
        upstream.set(r.value.endpoint);
        void r.value.exited.then(() => {
          upstream.set(null);
          if (!stopped) void launch();
        });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  await launch();
  const first = current as RunningTunnel | null;
  const listener = unwrap(await new TcpListenerFactory().listen({ address: '127.0.0.1', port: 0 }, upstream, { connectTimeoutMs: service.connectTimeoutMs }));
  return {
    name: 'relay + kubectl (forwarder: kubectl)',
    port: listener.port,
    pid: first?.pid ?? undefined,
    relaunches: () => launches - 1,
    stop: async () => {
      stopped = true;
      upstream.release();
      await Promise.all([listener.close(), (current as RunningTunnel | null)?.stop()]);
    },
  };
}

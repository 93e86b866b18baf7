import { RunningTunnel, TunnelLauncher } from '@localport/application';
import { createService, DEFAULT_HEALTH_TIMING, DEFAULT_RESTART_POLICY, Service, unwrap } from '@localport/domain';
import { KubectlTunnelLauncher, loadKubeConfig, NativeKubeTunnelLauncher, SystemClock, TcpListenerFactory } from '@localport/infrastructure';
import { ControlledUpstream } from '@localport/testing/loopback';
import { startKubectlPortForward } from '@localport/testing/kube';
import { dirname } from 'node:path';
import { FakeClusterInfo } from './fake-cluster-process';

/** One way to reach a pod's port from 127.0.0.1:port, and how to take it down. */
export interface ForwardPath {
  readonly name: string;
  readonly port: number;
  /** kubectl's pid, when a kubectl process carries the bytes. */
  readonly pid?: number;
  stop(): Promise<void>;
}

/** A kubectl service on `service/app-i:80`. */
export const benchService = (i: number): Service =>
  unwrap(
    createService({
      name: `app-${i}`,
      localPort: 20_000 + i,
      remotePort: 80,
      bindAddress: '127.0.0.1',
      connection: { technology: 'kubectl', resourceType: 'service', resourceName: `app-${i}`, namespace: 'default' },
      target: `service/app-${i}:80`,
      kubeContext: null,
      healthCheck: { type: 'tcp', ...DEFAULT_HEALTH_TIMING },
      restartPolicy: DEFAULT_RESTART_POLICY,
      tags: [],
      enabled: true,
      connectTimeoutMs: 10_000,
    }),
  );

const silentLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => silentLogger };

/** The native forwarder for the fake cluster's kubeconfig. */
export const nativeLauncher = (info: FakeClusterInfo): NativeKubeTunnelLauncher =>
  new NativeKubeTunnelLauncher(() => loadKubeConfig({ env: { KUBECONFIG: info.kubeconfig } }), silentLogger, new SystemClock());

/** Launches through a TunnelLauncher and puts LocalPort's relay in front, as the daemon does. */
export async function relayedPath(name: string, launcher: TunnelLauncher, service: Service): Promise<ForwardPath & { tunnel: RunningTunnel }> {
  const launched = await launcher.launch(service, { signal: new AbortController().signal, output: () => undefined, startTimeoutMs: 30_000 });
  if (!launched.ok) throw new Error(`${name}: ${launched.error.message}`);
  const tunnel = launched.value;
  const listener = unwrap(await new TcpListenerFactory().listen({ address: '127.0.0.1', port: 0 }, new ControlledUpstream(tunnel.endpoint), { connectTimeoutMs: 10_000 }));
  return { name, port: listener.port, pid: tunnel.pid ?? undefined, tunnel, stop: async () => void (await Promise.all([listener.close(), tunnel.stop()])) };
}

/** Plain `kubectl port-forward service/app-0 :80`, as a user would run it. */
export async function plainKubectlPath(info: FakeClusterInfo): Promise<ForwardPath> {
  const env = { ...process.env, KUBECONFIG: info.kubeconfig, KUBECACHEDIR: `${dirname(info.kubeconfig)}/cache` };
  const pf = await startKubectlPortForward('service/app-0', ':80', { env, timeoutMs: 3_600_000 });
  return { name: 'plain kubectl port-forward', port: pf.localPort, stop: async () => void (await pf.stop()) };
}

/** The kubectl forwarder: LocalPort's relay in front of a `kubectl port-forward` child. */
export const kubectlForwarderPath = (info: FakeClusterInfo): Promise<ForwardPath> =>
  relayedPath('relay + kubectl (forwarder: kubectl)', new KubectlTunnelLauncher({ env: { ...process.env, KUBECONFIG: info.kubeconfig, KUBECACHEDIR: `${dirname(info.kubeconfig)}/cache` } }), benchService(0));

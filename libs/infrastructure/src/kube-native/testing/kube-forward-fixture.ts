import { ForwardListener, LaunchOptions, RunningTunnel, TunnelError, TunnelLauncher } from '@localport/application';
import { createService, DEFAULT_HEALTH_TIMING, DEFAULT_RESTART_POLICY, Result, Service, unwrap } from '@localport/domain';
import { KubectlConnection } from '../../kubectl/kubectl-connection';
import { deployment, FakeKubeApiServer, pod, service, startFakeKubeApiServer, statefulset } from '@localport/testing/kube';
import { ControlledUpstream, startStreamServer, StreamServerMode, StreamTestServer } from '@localport/testing/loopback';
import { mkdtemp, rm } from 'node:fs/promises';
import { AddressInfo, createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TcpListenerFactory } from '../../net/tcp-listener-factory.adapter';

/** A kubectl service for the contract: `connect_timeout` 10 s. */
export function kubeService(connection: Partial<KubectlConnection>, remotePort: number, name = 'web'): Service {
  return unwrap(
    createService({
      name,
      localPort: 18080,
      remotePort,
      bindAddress: '127.0.0.1',
      connection: { technology: 'kubectl', resourceType: 'pod', resourceName: 'web-a', namespace: 'default', ...connection },
      target: `${connection.resourceType ?? 'pod'}/${connection.resourceName ?? 'web-a'}:${remotePort}`,
      kubeContext: connection.context ?? null,
      healthCheck: { type: 'tcp', ...DEFAULT_HEALTH_TIMING },
      restartPolicy: DEFAULT_RESTART_POLICY,
      tags: [],
      enabled: true,
      connectTimeoutMs: 10_000,
    }),
  );
}

/** Launch options that keep the output lines. */
export const launchOptions = (overrides: Partial<LaunchOptions> = {}): LaunchOptions & { lines: string[] } => {
  const lines: string[] = [];
  return { signal: new AbortController().signal, output: (l) => lines.push(l), startTimeoutMs: 30_000, lines, ...overrides };
};

/** A launched tunnel behind a real relay listener on 127.0.0.1 (what the daemon does with it). */
export interface RelayedTunnel {
  readonly tunnel: RunningTunnel;
  readonly listener: ForwardListener;
  readonly upstream: ControlledUpstream;
  readonly port: number;
}

/**
 * The contract's world: a TLS fake API server with a deployment `web` (pods web-a, web-b; port 80 named `http`),
 * services `web` (8080 -> http) and `db` (5432 -> 5432) and a statefulset `db` (pod db-0), each pod port backed by
 * its own loopback server so a test can tell which pod a connection reached.
 */
export class KubeForwardFixture {
  fake!: FakeKubeApiServer;
  dir!: string;
  readonly servers = new Map<string, StreamTestServer>();
  private readonly cleanups: Array<() => Promise<unknown>> = [];

  async setUp(): Promise<void> {
    this.dir = await mkdtemp(join(tmpdir(), 'lp-kube-contract-'));
    this.fake = await startFakeKubeApiServer({ tls: true, state: {} });
    this.fake.writeKubeconfig(join(this.dir, 'kubeconfig'));
  }

  /** Fresh objects and pod servers for each test. */
  async reset(): Promise<void> {
    const s = this.fake.state;
    s.pods = [
      pod('web-a', { labels: { app: 'web' }, node: 'node-a', containerPorts: [{ containerPort: 80, name: 'http' }] }),
      pod('web-b', { labels: { app: 'web' }, node: 'node-a', containerPorts: [{ containerPort: 80, name: 'http' }] }),
      pod('db-0', { labels: { app: 'db' }, node: 'node-a', containerPorts: [5432] }),
    ];
    s.services = [service('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 8080, targetPort: 'http' }] }), service('db', { selector: { app: 'db' }, ports: [{ port: 5432, targetPort: 5432 }] })];
    s.deployments = [deployment('web', { selector: { app: 'web' }, replicas: 2 })];
    s.statefulsets = [statefulset('db', { selector: { app: 'db' } })];
    s.portTargets = {};
    this.fake.rejectedTokens.clear();
    this.fake.clearRecords();
    for (const name of ['web-a', 'web-b']) await this.backPod(name, 80);
    await this.backPod('db-0', 5432);
  }

  /** Points a pod's port at a new loopback server of `mode` (echo by default). */
  async backPod(name: string, port: number, mode: StreamServerMode = 'echo'): Promise<StreamTestServer> {
    const server = await startStreamServer({ mode });
    this.cleanups.push(() => server.stop());
    this.servers.set(name, server);
    const ep = server.endpoint;
    if (ep.kind === 'tcp') this.fake.state.portTargets[`default/${name}`] = { ...this.fake.state.portTargets[`default/${name}`], [port]: { host: ep.host, port: ep.port } };
    return server;
  }

  /** Points a pod's port at a server that answers the first line with `got <line>` and then closes (needs no EOF). */
  async backPodWithLineReply(name: string, port: number): Promise<void> {
    const sockets = new Set<Socket>();
    const server = createServer({ allowHalfOpen: true }, (socket) => {
      let line = '';
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.once('end', () => socket.end());
      socket.on('error', () => undefined);
      socket.setEncoding('utf8').on('data', (s: string) => {
        line += s;
        if (line.includes('\n')) socket.end(`got ${line.split('\n')[0]}\n`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.cleanups.push(
      () =>
        new Promise((resolve) => {
          for (const s of sockets) s.destroy();
          server.close(resolve);
        }),
    );
    const { port: p } = server.address() as AddressInfo;
    this.fake.state.portTargets[`default/${name}`] = { [port]: { host: '127.0.0.1', port: p } };
  }

  /** Deletes a pod and adds its replacement (new name, new uid), backed by a fresh echo server; like a rollout step. */
  async replacePod(oldName: string, newName: string): Promise<void> {
    const old = this.fake.state.pods.find((p) => p.name === oldName)!;
    await this.backPod(newName, 80);
    this.fake.state.pods = this.fake.state.pods.filter((p) => p !== old).concat(pod(newName, { labels: { ...old.labels }, node: 'node-a', containerPorts: old.containerPorts }));
  }

  /** Launches and puts a relay listener in front, torn down after the test. */
  async relay(launcher: TunnelLauncher, service: Service): Promise<RelayedTunnel> {
    const tunnel = unwrapTunnel(await launcher.launch(service, launchOptions()));
    this.cleanups.push(() => tunnel.stop());
    const upstream = new ControlledUpstream(tunnel.endpoint);
    const listener = unwrap(await new TcpListenerFactory().listen({ address: '127.0.0.1', port: 0 }, upstream, { connectTimeoutMs: service.connectTimeoutMs }));
    this.cleanups.push(() => listener.close());
    return { tunnel, listener, upstream, port: listener.port };
  }

  async afterEach(): Promise<void> {
    for (const c of this.cleanups.splice(0).reverse()) await c().catch(() => undefined);
    // A test that stopped the fake (an outage) and failed before starting it again.
    await this.fake.start();
  }

  async tearDown(): Promise<void> {
    await this.fake?.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** The tunnel, or a thrown error saying why the launch failed. */
export function unwrapTunnel(r: Result<RunningTunnel, TunnelError>): RunningTunnel {
  if (!r.ok) throw new Error(`launch failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}

import { CoreV1Api, Health, KubeConfig, PortForward } from '@kubernetes/client-node';
import {
  defaultDemoState,
  FakeKubeApiServer,
  LoopbackEchoServer,
  startFakeKubeApiServer,
  startLoopbackEchoServer,
  tcpRoundTrip,
} from '.';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

jest.setTimeout(30_000);

/** A local listener doing one client-node PortForward per accepted connection, as the product's adapter would. */
async function listenForwarding(kc: KubeConfig, namespace: string, podName: string, port: number) {
  const errors: string[] = [];
  const sockets = new Set<Socket>();
  const forwarder = new PortForward(kc);
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
    const err = new Writable({
      write(chunk: Buffer, _enc, done) {
        if (chunk.length > 0) errors.push(chunk.toString());
        done();
      },
    });
    forwarder.portForward(namespace, podName, [port], socket, err, socket).then(
      // client-node never ends `output` itself: end the local socket once the server closes the WebSocket.
      (ws) => (typeof ws === 'function' ? undefined : ws.on('close', () => socket.end())),
      (e: Error) => {
        errors.push(e.message);
        socket.destroy();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    errors,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

// The real @kubernetes/client-node 1.4 against the fake over https, verifying its self-signed CA.
describe('FakeKubeApiServer with @kubernetes/client-node', () => {
  let dir: string;
  let fake: FakeKubeApiServer;
  let echo: LoopbackEchoServer;
  let kc: KubeConfig;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fake-kube-client-node-'));
    echo = await startLoopbackEchoServer();
    fake = await startFakeKubeApiServer({ tls: true });
    fake.writeKubeconfig(join(dir, 'kubeconfig'), { contextName: 'fake-ctx', namespace: 'default' });
    kc = new KubeConfig();
    kc.loadFromFile(join(dir, 'kubeconfig'));
  });
  afterAll(async () => {
    await fake.close();
    await echo.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    fake.state = defaultDemoState();
    fake.state.portTargets = { 'default/web-0': { 80: echo.target } };
    fake.clearRecords();
  });

  it('loads the written kubeconfig: https server with CA data, token user, namespace', () => {
    expect(fake.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(kc.getCurrentContext()).toBe('fake-ctx');
    expect(kc.getCurrentCluster()).toMatchObject({ server: fake.url, caData: expect.any(String), skipTLSVerify: false });
    expect(kc.getContextObject('fake-ctx')?.namespace).toBe('default');
  });

  it('lists pods and nodes through CoreV1Api', async () => {
    fake.state.pods[1].phase = 'Failed';
    const api = kc.makeApiClient(CoreV1Api);
    const pods = await api.listNamespacedPod({ namespace: 'default', labelSelector: 'app in (web,postgres)' });
    expect(pods.items.map((p) => `${p.metadata?.name}:${p.status?.phase}`)).toEqual(['web-0:Running', 'postgres-0:Failed']);
    const nodes = await api.listNode();
    expect(nodes.items.map((n) => n.metadata?.name)).toEqual(['node-a', 'node-b']);
    await expect(api.readNamespacedPod({ namespace: 'default', name: 'ghost' })).rejects.toThrow(/404/);
  });

  it('reports readyz and livez through Health', async () => {
    const health = new Health(kc);
    await expect(health.readyz({})).resolves.toBe(true);
    fake.state.health.readyz = false;
    await expect(health.readyz({})).resolves.toBe(false);
    await expect(health.livez({})).resolves.toBe(true);
  });

  it('round-trips bytes through PortForward over v4.channel.k8s.io', async () => {
    const local = await listenForwarding(kc, 'default', 'web-0', 80);
    try {
      const small = Buffer.from('ping through client-node');
      expect((await tcpRoundTrip(local.port, small, { until: small.length })).toString()).toBe(small.toString());
      const big = randomBytes(3 * 1024 * 1024);
      expect((await tcpRoundTrip(local.port, big, { until: big.length })).equals(big)).toBe(true);
      expect(local.errors).toEqual([]);
      expect(fake.portForwardSessions.map((s) => s.transport)).toEqual(['v4.channel', 'v4.channel']);
      expect(fake.requests.filter((r) => r.path.includes('/portforward')).map((r) => r.path)).toEqual([
        '/api/v1/namespaces/default/pods/web-0/portforward?ports=80',
        '/api/v1/namespaces/default/pods/web-0/portforward?ports=80',
      ]);
    } finally {
      await local.close();
    }
  });

  it('reports an unknown pod (404) and a port nothing listens on (error channel)', async () => {
    const ghost = await listenForwarding(kc, 'default', 'ghost-0', 80);
    const closedPort = await listenForwarding(kc, 'default', 'web-0', 81);
    try {
      await expect(tcpRoundTrip(ghost.port, Buffer.from('x'), { until: 1 })).resolves.toHaveLength(0);
      expect(ghost.errors.join('\n')).toContain('404');
      await expect(tcpRoundTrip(closedPort.port, Buffer.from('x'), { until: 1 })).resolves.toHaveLength(0);
      expect(closedPort.errors.join('\n')).toContain('error forwarding port 81 to pod');
    } finally {
      await Promise.all([ghost.close(), closedPort.close()]);
    }
  });
});

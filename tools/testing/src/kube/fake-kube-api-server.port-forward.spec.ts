import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDemoState } from './demo-kube-state';
import { pod } from './fake-kube-builders';
import { FakeKubeApiServer, startFakeKubeApiServer } from './fake-kube-api-server';
import { kubeVersion } from './fake-kube-state';
import { kubectlEnv, KubectlPortForward, startKubectlPortForward } from './kubectl-process';
import { LoopbackEchoServer, startLoopbackEchoServer } from './loopback-echo-server';
import { tcpRoundTrip } from './tcp-round-trip';

jest.setTimeout(30_000);

// Real `kubectl port-forward` through the fake (plain http + insecure-skip-tls-verify) to a loopback echo server.
describe('FakeKubeApiServer with real kubectl port-forward', () => {
  let dir: string;
  let fake: FakeKubeApiServer;
  let echo: LoopbackEchoServer;
  const running: KubectlPortForward[] = [];
  const forward = async (resource: string, ports: string, env: NodeJS.ProcessEnv = {}) => {
    const pf = await startKubectlPortForward(resource, ports, { env: { ...kubectlEnv(dir), ...env } });
    running.push(pf);
    return pf;
  };
  const expectEcho = async (port: number, size: number) => {
    const payload = randomBytes(size);
    const back = await tcpRoundTrip(port, payload);
    expect(back.length).toBe(size);
    expect(back.equals(payload)).toBe(true);
  };
  const lastTransport = () => fake.portForwardSessions.at(-1)?.transport;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fake-kube-pf-'));
    echo = await startLoopbackEchoServer();
    fake = await startFakeKubeApiServer();
    fake.writeKubeconfig(join(dir, 'kubeconfig'));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((pf) => pf.stop()));
  });
  afterAll(async () => {
    await fake.close();
    await echo.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    fake.state = defaultDemoState();
    fake.clearRecords();
    fake.state.portTargets = { 'default/web-0': { 80: echo.target }, 'default/postgres-0': { 5432: echo.target } };
  });

  it('forwards a pod over the WebSocket tunnel (kubectl 1.32 default): 4 MB and 8 parallel connections', async () => {
    const pf = await forward('pod/web-0', ':80');
    expect(pf.remotePort).toBe(80);
    await expectEcho(pf.localPort, 100);
    await expectEcho(pf.localPort, 4 * 1024 * 1024);
    await Promise.all(Array.from({ length: 8 }, () => expectEcho(pf.localPort, 256 * 1024)));
    expect(fake.portForwardSessions).toEqual([expect.objectContaining({ transport: 'websocket-spdy', namespace: 'default', pod: 'web-0' })]);
  });

  it('forwards a service over raw SPDY when websockets are off, resolving its named targetPort', async () => {
    const pf = await forward('svc/web', ':8080', { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' });
    expect(pf.remotePort).toBe(80);
    await expectEcho(pf.localPort, 1024 * 1024);
    expect(lastTransport()).toBe('spdy');
    expect(fake.requests.some((r) => r.path.startsWith('/api/v1/namespaces/default/pods?labelSelector=app'))).toBe(true);
  });

  it('resolves deployment/x and statefulset/x to a pod through their selectors', async () => {
    const [deploy, sts] = await Promise.all([forward('deployment/web', ':80'), forward('statefulset/postgres', ':5432')]);
    await Promise.all([expectEcho(deploy.localPort, 50_000), expectEcho(sts.localPort, 50_000)]);
    expect(fake.portForwardSessions.map((s) => s.pod).sort()).toEqual(['postgres-0', 'web-0']);
  });

  it('speaks SPDY only to an old kubectl (1.28) and the WebSocket tunnel to a new one (1.33)', async () => {
    fake.state.version = kubeVersion(28, 15);
    const old = await forward('pod/web-0', ':80');
    await expectEcho(old.localPort, 300_000);
    expect(lastTransport()).toBe('spdy');
    fake.state.version = kubeVersion(33, 1);
    const current = await forward('pod/web-0', ':80');
    await expectEcho(current.localPort, 300_000);
    expect(lastTransport()).toBe('websocket-spdy');
    expect(fake.requests.filter((r) => r.path.endsWith('/portforward')).map((r) => r.userAgent?.split(' ')[0])).toEqual([
      'kubectl/v1.28.15',
      'kubectl/v1.33.1',
    ]);
  });

  it('makes kubectl refuse a pod that is not Running, and report an unknown one', async () => {
    fake.state.pods[0].phase = 'Pending';
    await expect(forward('pod/web-0', ':80')).rejects.toThrow(/exited with 1[\s\S]*pod is not running/);
    await expect(forward('pod/ghost-0', ':80')).rejects.toThrow(/exited with 1[\s\S]*pods "ghost-0" not found/);
  });

  it('writes the kubelet error for a port nothing listens on, and kubectl loses the connection', async () => {
    const pf = await forward('pod/web-0', ':81');
    // kubectl drops the connection (a FIN, or a RST when it exits first): either way no byte comes back.
    const back = await tcpRoundTrip(pf.localPort, Buffer.from('hello')).catch(() => Buffer.alloc(0));
    expect(back).toHaveLength(0);
    const exit = await pf.exited;
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('error forwarding port 81 to pod');
    expect(exit.stderr).toContain('lost connection to pod');
  });

  it('drops live tunnels on stop() (kubectl exits) and forwards again after start() on the same port', async () => {
    const pf = await forward('pod/web-0', ':80', { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' });
    const ws = await forward('pod/postgres-0', ':5432');
    await expectEcho(pf.localPort, 10_000);
    const port = fake.port;
    await fake.stop();
    for (const exit of await Promise.all([pf.exited, ws.exited])) {
      expect(exit.code).toBe(1);
      expect(exit.stderr).toContain('lost connection to pod');
    }
    await fake.start();
    expect(fake.port).toBe(port);
    const again = await forward('pod/web-0', ':80');
    await expectEcho(again.localPort, 10_000);
  });

  it('ends the tunnel when its pod is recreated, as a real node would', async () => {
    const pf = await forward('pod/web-0', ':80');
    await expectEcho(pf.localPort, 1000);
    fake.state.pods = fake.state.pods.map((p) => (p.name === 'web-0' ? pod('web-0', { labels: p.labels, containerPorts: p.containerPorts }) : p));
    const exit = await pf.exited;
    expect(exit.code).toBe(1);
    expect(exit.stderr).toContain('lost connection to pod');
    expect(fake.activePortForwards).toEqual([]);
  });
});

import { randomBytes } from 'node:crypto';
import { createServer, Server, Socket } from 'node:net';
import { defaultDemoState, FakeKubeApiServer, pod, startFakeKubeApiServer } from '@localport/testing/kube';
import { freePort, waitUntil } from '@localport/testing/loopback';
import { describeWithBuild } from './support/built-artifacts';
import { configYaml, kubectlService } from './support/e2e-config';
import { E2eSandbox } from './support/e2e-sandbox';
import { serviceOf } from './support/status-json';

const CONTEXT = 'e2e';

/** A pod's port: greets each connection with the pod's name and a newline, then echoes. */
async function podServer(name: string): Promise<{ server: Server; port: number }> {
  const server = createServer((s) => {
    s.on('error', () => undefined);
    s.write(`${name}\n`);
    s.pipe(s);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

/** One connection through `port`: which pod answered, and whether `payload` came back unchanged. */
function converse(port: number, payload: Buffer): Promise<{ pod: string; echoed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let got = Buffer.alloc(0);
    const timer = setTimeout(() => socket.destroy(new Error(`no full answer within 10 s (${got.length} bytes)`)), 10_000);
    socket.on('error', (e) => (clearTimeout(timer), reject(e)));
    socket.on('data', (d: Buffer) => {
      got = Buffer.concat([got, d]);
      const nl = got.indexOf(10);
      if (nl < 0 || got.length < nl + 1 + payload.length) return;
      clearTimeout(timer);
      socket.destroy();
      resolve({ pod: got.subarray(0, nl).toString(), echoed: got.subarray(nl + 1).equals(payload) });
    });
    socket.connect(port, '127.0.0.1', () => socket.write(payload));
  });
}

describeWithBuild('native forwarding in the built daemon (test API server, no kubectl)', () => {
  let sandbox: E2eSandbox;
  let api: FakeKubeApiServer;
  const pods: { server: Server }[] = [];
  let port = 0;

  beforeAll(async () => {
    sandbox = E2eSandbox.create('native');
    const state = defaultDemoState();
    state.pods = [...state.pods, pod('web-1', { labels: { app: 'web' }, node: 'node-b', containerPorts: [{ containerPort: 80, name: 'http' }] })];
    const [web0, web1] = await Promise.all([podServer('web-0'), podServer('web-1')]);
    pods.push(web0, web1);
    state.portTargets = { 'default/web-0': { 80: { host: '127.0.0.1', port: web0.port } }, 'default/web-1': { 80: { host: '127.0.0.1', port: web1.port } } };
    api = await startFakeKubeApiServer({ tls: true, state });
    api.writeKubeconfig(sandbox.kubeconfig, { contextName: CONTEXT });
    port = await freePort();
    // No `forwarder` anywhere in the file: native is the default.
    const entry = kubectlService('web', port, { type: 'deployment', name: 'web', port: 80, context: CONTEXT });
    delete (entry['connection'] as Record<string, unknown>)['forwarder'];
    // The api probe: the cluster monitor shares the native forwarder's API client, and no kubectl runs at all.
    sandbox.writeConfig(`${configYaml([entry])}cluster_contexts:\n  ${CONTEXT}:\n    cluster_health: { provider: api }\n`);
  }, 60_000);

  afterAll(async () => {
    await sandbox?.cleanup();
    await api?.close();
    await Promise.all(pods.map((p) => new Promise((r) => p.server.close(r))));
  }, 60_000);

  it('serves bytes through the pod, follows a deleted pod to the other Ready one, and stops clean', async () => {
    await sandbox.expectCli(['daemon', 'start'], 0, 60_000);
    const up = await sandbox.waitForStatus(
      (s) => s.services.some((x) => x.name === 'web' && x.state === 'running' && x.healthy && !!x.pod) && s.clusters.some((c) => c.status === 'healthy'),
      'web running natively with a pod, its cluster healthy',
      45_000,
    );
    const web = serviceOf(up, 'web');
    expect(web).toMatchObject({ forwarder: 'native', pid: null, pod: expect.stringMatching(/^default\/web-[01]$/) });
    const first = web.pod!.split('/')[1];
    const other = first === 'web-0' ? 'web-1' : 'web-0';

    const payload = randomBytes(256 * 1024);
    for (let i = 0; i < 3; i++) expect(await converse(port, payload)).toEqual({ pod: first, echoed: true });
    expect(up.clusters).toEqual([expect.objectContaining({ context: CONTEXT, status: 'healthy', provider: 'api' })]);
    expect(sandbox.ownProcesses().map((p) => p.cmdline).filter((c) => /kubectl/.test(c))).toEqual([]);

    api.state.pods = api.state.pods.filter((p) => p.name !== first);
    const deletedAt = Date.now();
    let answer = await converse(port, payload).catch((e: Error) => ({ pod: e.message, echoed: false }));
    while (answer.pod !== other && Date.now() - deletedAt < 2_000) {
      await new Promise((r) => setTimeout(r, 50));
      answer = await converse(port, payload).catch((e: Error) => ({ pod: e.message, echoed: false }));
    }
    expect(answer).toEqual({ pod: other, echoed: true });
    for (let i = 0; i < 3; i++) expect(await converse(port, payload)).toEqual({ pod: other, echoed: true });
    const moved = await sandbox.waitForStatus((s) => s.services.some((x) => x.name === 'web' && x.pod === `default/${other}`), `status showing pod ${other}`, 10_000);
    expect(serviceOf(moved, 'web')).toMatchObject({ state: 'running', restarts: 0, forwarder: 'native' });

    await sandbox.expectCli(['daemon', 'stop'], 0, 30_000);
    expect(sandbox.ownProcesses()).toEqual([]);
    // The daemon closed its WebSockets (the spare included) on the way out.
    await waitUntil(() => api.activePortForwards.length === 0, 5_000, 'no port-forward left open at the API server');
  }, 120_000);
});

import { createServer as createHttpServer, IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { ClusterCheckOutcome, ClusterObservation } from '@localport/domain';
import { node, normalEvent, pod, warningEvent } from '@localport/testing/kube';
import { ApiClusterProbe } from './api-cluster-probe.adapter';
import { KubectlClusterProbe } from './kubectl-cluster-probe.adapter';
import { loadKubeConfig } from './kubeconfig-loader';
import { KubeApiClients } from '../kube-native/kube-api-clients';
import { CONTEXTS, NOW, ProbeFixture, startProbeFixture, testSettings, withEvents, withoutEvents } from './testing/probe-fixture';

jest.setTimeout(60_000);

/** The observation without what legitimately differs between providers: the measured latency. */
function comparable(outcome: ClusterCheckOutcome): ClusterObservation {
  if (!outcome.reachable) throw new Error(`expected a reachable outcome, got: ${outcome.error}`);
  return { ...outcome.observation, info: { ...outcome.observation.info, latencyMs: null } };
}

/** A cluster with something to report: a NotReady node, a crash loop, a Pending and a Succeeded pod, warnings, many events. */
function troubledState(fx: ProbeFixture): void {
  const s = fx.server.state;
  s.nodes = [node('node-a'), node('node-b', { ready: false }), node('node-c')];
  s.pods = [
    ...s.pods,
    pod('api-1', { namespace: 'shop', restarts: 7, ready: false, waitingReason: 'CrashLoopBackOff', node: 'node-c' }),
    pod('db-0', { namespace: 'shop', phase: 'Pending' }),
    pod('migrate-1', { namespace: 'shop', phase: 'Succeeded', node: 'node-a' }),
  ];
  s.events = [
    ...Array.from({ length: 60 }, (_, i) => normalEvent('Pulled', `image pulled ${i}`, { involvedObject: { kind: 'Pod', name: 'web-0' }, lastSeen: new Date(NOW - 3_600_000 + i * 1000) })),
    warningEvent('BackOff', 'Back-off restarting failed container', { namespace: 'shop', involvedObject: { kind: 'Pod', name: 'api-1' }, count: 40, lastSeen: new Date(NOW - 5000) }),
    warningEvent('NodeNotReady', 'Node node-b status is now: NodeNotReady', { involvedObject: { kind: 'Node', name: 'node-b' }, lastSeen: new Date(NOW - 90_000) }),
  ];
}

// The probe loads client-node at its first check; load (and transform) it once, outside any test's own time.
beforeAll(() => import('@kubernetes/client-node'), 120_000);

describe.each([
  ['http', false],
  ['https', true],
])('%s: ApiClusterProbe against KubectlClusterProbe', (_scheme, tls) => {
  let fx: ProbeFixture;

  beforeAll(async () => {
    fx = await startProbeFixture({ tls });
    troubledState(fx);
  });
  afterAll(() => fx.close());

  it('gives the same observation as kubectl on the same server (events included)', async () => {
    const api = new ApiClusterProbe({ env: fx.env(), now: () => NOW });
    const kubectl = new KubectlClusterProbe({ env: fx.env(), now: () => NOW });
    const [fromApi, fromKubectl] = await Promise.all([api.check(CONTEXTS.fake, testSettings(), withEvents), kubectl.check(CONTEXTS.fake, testSettings(), withEvents)]);
    const a = comparable(fromApi);
    expect(a).toEqual(comparable(fromKubectl));
    // ...and the observation is the interesting one, not two empty answers.
    expect(a.info).toMatchObject({ apiServerUrl: fx.server.url, serverVersion: '1.32.4', error: null, checkedAt: NOW });
    expect(a.nodes.filter((n) => !n.ready).map((n) => n.name)).toEqual(['node-b']);
    expect(a.pods.map((p) => p.name)).toEqual(['postgres-0', 'web-0', 'coredns-0', 'api-1', 'db-0']);
    expect(a.events).toHaveLength(50);
    expect(a.events.slice(0, 2).map((e) => e.reason)).toEqual(['BackOff', 'NodeNotReady']);
    expect(fromApi.reachable && fromApi.observation.info.latencyMs).toEqual(expect.any(Number));
  });

  it('with the daemon\'s shared API clients, observes the same through the one client of the context', async () => {
    let loads = 0;
    const clients = new KubeApiClients(() => (loads++, loadKubeConfig({ env: fx.env() })));
    const shared = await clients.get(CONTEXTS.fake);
    const api = new ApiClusterProbe({ env: { KUBECONFIG: '/nonexistent' }, now: () => NOW, clients });
    const a = comparable(await api.check(CONTEXTS.fake, testSettings(), withoutEvents));
    expect(a).toEqual(comparable(await new ApiClusterProbe({ env: fx.env(), now: () => NOW }).check(CONTEXTS.fake, testSettings(), withoutEvents)));
    expect(loads).toBe(2);
    const again = await clients.get(CONTEXTS.fake);
    expect(again.ok && shared.ok && again.value === shared.value).toBe(true);
  });

  it('also agrees when events are not asked for', async () => {
    const api = new ApiClusterProbe({ env: fx.env(), now: () => NOW });
    const kubectl = new KubectlClusterProbe({ env: fx.env(), now: () => NOW });
    const a = comparable(await api.check(CONTEXTS.fake, testSettings(), withoutEvents));
    expect(a.events).toEqual([]);
    expect(a).toEqual(comparable(await kubectl.check(CONTEXTS.fake, testSettings(), withoutEvents)));
  });
});

describe(ApiClusterProbe.name, () => {
  let fx: ProbeFixture;
  let probe: ApiClusterProbe;

  beforeAll(async () => {
    fx = await startProbeFixture();
  });
  afterAll(() => fx.close());
  beforeEach(async () => {
    await fx.server.start();
    fx.server.state.health.readyz = true;
    probe = new ApiClusterProbe({ env: fx.env(), now: () => NOW, backoffBaseMs: 200 });
  });

  it('reports a stopped API server with the same words as kubectl', async () => {
    await fx.server.stop();
    expect(await probe.check(CONTEXTS.fake, testSettings(), withEvents)).toEqual({
      reachable: false, error: `The connection to the server 127.0.0.1:${fx.server.port} was refused`, at: NOW,
    });
    expect(await probe.check(CONTEXTS.down, testSettings(), withEvents)).toMatchObject({ error: 'The connection to the server 127.0.0.1:1 was refused' });
  });

  it('retries an unreachable server with backoff and succeeds once it is back', async () => {
    await fx.server.stop();
    setTimeout(() => void fx.server.start(), 300);
    expect((await probe.check(CONTEXTS.fake, testSettings({ retryAttempts: 3 }), withoutEvents)).reachable).toBe(true);
  });

  it('treats readyz 500 as unreachable with the failed checks, without retrying it', async () => {
    fx.server.state.health.readyz = false;
    const before = fx.server.requests.length;
    expect(await probe.check(CONTEXTS.fake, testSettings({ retryAttempts: 2 }), withoutEvents)).toEqual({
      reachable: false, error: expect.stringMatching(/^API server is not ready \(HTTP 500\): .*\[-\]etcd failed: reason withheld.*readyz check failed$/), at: NOW,
    });
    expect(fx.server.requests.slice(before).filter((r) => r.path.startsWith('/readyz'))).toHaveLength(1);
  });

  it('gives up on a request that outlives the timeout', async () => {
    const started = Date.now();
    expect(await probe.check(CONTEXTS.hung, testSettings({ timeoutMs: 1000 }), withoutEvents)).toEqual({ reachable: false, error: 'GET /readyz timed out after 1000 ms', at: NOW });
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('times out a listing that hangs after readyz answered (the signal reaches the generated client)', async () => {
    const hanging = new Set<ServerResponse>();
    const half = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
      if (req.url?.startsWith('/readyz')) return void res.end('ok');
      if (req.url?.startsWith('/version')) return void res.setHeader('Content-Type', 'application/json').end(JSON.stringify({ major: '1', minor: '32', gitVersion: 'v1.32.4' }));
      hanging.add(res);
    });
    await new Promise<void>((resolve) => half.listen(0, '127.0.0.1', resolve));
    const kubeconfig = join(fx.dir, 'half-kubeconfig');
    fx.server.writeKubeconfig(kubeconfig, { contextName: 'unused', extraContexts: [{ name: 'half', server: `http://127.0.0.1:${(half.address() as { port: number }).port}` }] });
    try {
      const halfProbe = new ApiClusterProbe({ env: { KUBECONFIG: kubeconfig }, now: () => NOW });
      const outcome = await halfProbe.check('half', testSettings({ timeoutMs: 1000 }), withoutEvents);
      expect(outcome).toEqual({ reachable: false, error: expect.stringMatching(/^list (nodes|pods) timed out after 1000 ms$/), at: NOW });
    } finally {
      half.closeAllConnections();
      await new Promise((resolve) => half.close(resolve));
    }
  });

  it('stops at once when the check is aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const outcome = await probe.check(CONTEXTS.hung, testSettings({ timeoutMs: 30_000 }), { includeEvents: false, signal: controller.signal });
    expect(outcome).toMatchObject({ reachable: false, error: 'cluster check aborted' });
  });

  it('reports a context the kubeconfig does not have', async () => {
    expect(await probe.check('nope', testSettings(), withoutEvents)).toEqual({ reachable: false, error: 'context "nope" does not exist', at: NOW });
  });
});

import { deriveClusterHealth, unknownClusterHealth } from '@localport/domain';
import { kubeVersion, node, pod, warningEvent } from '@localport/testing/kube';
import { join } from 'node:path';
import { KubectlClusterProbe } from './kubectl-cluster-probe.adapter';
import { CONTEXTS, NOW, observed, ProbeFixture, startProbeFixture, testSettings, withEvents, withoutEvents } from './testing/probe-fixture';

jest.setTimeout(60_000);

describe(KubectlClusterProbe.name, () => {
  let fx: ProbeFixture;
  let probe: KubectlClusterProbe;

  beforeAll(async () => {
    fx = await startProbeFixture();
  });
  afterAll(() => fx.close());
  beforeEach(async () => {
    await fx.server.start();
    fx.server.state.health.readyz = true;
    probe = new KubectlClusterProbe({ env: fx.env(), now: () => NOW, backoffBaseMs: 200 });
  });

  it('sees a healthy cluster: server URL and version, latency, nodes and pods', async () => {
    const obs = observed(await probe.check(CONTEXTS.fake, testSettings(), withoutEvents));
    expect(obs.info).toEqual({
      context: 'fake', apiServerUrl: fx.server.url, serverVersion: '1.32.4', reachable: true,
      latencyMs: expect.any(Number), checkedAt: NOW, error: null,
    });
    expect(obs.nodes.map((n) => [n.name, n.ready, n.phase])).toEqual([['node-a', true, 'Running'], ['node-b', true, 'Running']]);
    expect(obs.pods.map((p) => `${p.namespace}/${p.name}:${p.phase}:${p.ready}:${p.nodeName}`)).toEqual([
      'default/postgres-0:Running:true:node-b', 'default/web-0:Running:true:node-a', 'kube-system/coredns-0:Running:true:node-a',
    ]);
    expect(obs.events).toEqual([]);
    expect(deriveClusterHealth(unknownClusterHealth('fake'), { reachable: true, observation: obs }, 3).status).toBe('healthy');
    expect(probe.capabilitiesOf(CONTEXTS.fake)).toMatchObject({ minor: 32 });
    const paths = fx.server.requests.map((r) => r.path);
    expect(paths.some((p) => p.startsWith('/readyz'))).toBe(true);
    expect(paths.some((p) => p.startsWith('/api/v1/events'))).toBe(false);
  });

  it('reflects a NotReady node, a crash-looping pod, and leaves Succeeded pods out', async () => {
    const saved = { nodes: fx.server.state.nodes, pods: fx.server.state.pods };
    fx.server.state.nodes = [node('node-a'), node('node-b', { ready: false })];
    fx.server.state.pods = [pod('api-1', { restarts: 9, ready: false, waitingReason: 'CrashLoopBackOff', node: 'node-a' }), pod('job-1', { phase: 'Succeeded' })];
    try {
      const obs = observed(await probe.check(CONTEXTS.fake, testSettings(), withoutEvents));
      expect(obs.nodes.find((n) => n.name === 'node-b')).toMatchObject({ ready: false, phase: 'Unknown' });
      expect(obs.pods).toEqual([expect.objectContaining({ name: 'api-1', phase: 'Running', ready: false, restartCount: 9 })]);
      expect(deriveClusterHealth(unknownClusterHealth('fake'), { reachable: true, observation: obs }, 3).status).toBe('unhealthy');
    } finally {
      Object.assign(fx.server.state, saved);
    }
  });

  it('lists warning events, newest first, only when asked to and allowed by events_on_failure', async () => {
    const saved = fx.server.state.events;
    fx.server.state.events = [
      ...saved,
      warningEvent('BackOff', 'Back-off restarting failed container', { involvedObject: { kind: 'Pod', name: 'web-0' }, count: 12, lastSeen: new Date(NOW - 60_000) }),
      warningEvent('FailedMount', 'MountVolume.SetUp failed', { namespace: 'kube-system', involvedObject: { kind: 'Pod', name: 'coredns-0' }, lastSeen: new Date(NOW - 120_000) }),
    ];
    try {
      const obs = observed(await probe.check(CONTEXTS.fake, testSettings(), withEvents));
      const warnings = obs.events.filter((e) => e.type === 'Warning');
      expect(warnings).toEqual([
        { context: 'fake', namespace: 'default', type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container', object: { kind: 'Pod', name: 'web-0', namespace: 'default' }, count: 12, lastSeen: NOW - 60_000 },
        expect.objectContaining({ namespace: 'kube-system', reason: 'FailedMount', lastSeen: NOW - 120_000 }),
      ]);
      expect(deriveClusterHealth(unknownClusterHealth('fake'), { reachable: true, observation: obs }, 3)).toMatchObject({ status: 'warning', warningEvents: 2 });
      const off = observed(await probe.check(CONTEXTS.fake, testSettings({ commands: { eventsOnFailure: false } } as never), withEvents));
      expect(off.events).toEqual([]);
    } finally {
      fx.server.state.events = saved;
    }
  });

  it('skips the node and pod listings when node_status and pod_status are off', async () => {
    const before = fx.server.requests.length;
    const settings = testSettings({ commands: { clusterInfo: true, nodeStatus: false, podStatus: false, eventsOnFailure: true } });
    const obs = observed(await probe.check(CONTEXTS.fake, settings, withoutEvents));
    expect(obs.nodes).toEqual([]);
    expect(obs.pods).toEqual([]);
    const paths = fx.server.requests.slice(before).map((r) => r.path);
    expect(paths.some((p) => p.startsWith('/api/v1/nodes') || p.startsWith('/api/v1/pods'))).toBe(false);
  });

  it('retries an unreachable server with backoff and succeeds once it is back', async () => {
    await fx.server.stop();
    setTimeout(() => void fx.server.start(), 300);
    const outcome = await probe.check(CONTEXTS.fake, testSettings({ retryAttempts: 3 }), withoutEvents);
    expect(outcome.reachable).toBe(true);
  });

  it('treats readyz 500 as unreachable with the server\'s reason, without retrying it', async () => {
    fx.server.state.health.readyz = false;
    const before = fx.server.requests.length;
    const outcome = await probe.check(CONTEXTS.fake, testSettings({ retryAttempts: 2 }), withoutEvents);
    expect(outcome).toMatchObject({ reachable: false, error: expect.stringMatching(/^Error from server \(InternalError\).*readyz check failed/) });
    expect(fx.server.requests.slice(before).filter((r) => r.path.startsWith('/readyz'))).toHaveLength(1);
  });

  it('kills a command that outlives the timeout and reports the hang', async () => {
    const started = Date.now();
    const outcome = await probe.check(CONTEXTS.hung, testSettings({ timeoutMs: 1500 }), withoutEvents);
    expect(outcome).toEqual({ reachable: false, error: expect.stringMatching(/timed out after 1500 ms$/), at: NOW });
    expect(Date.now() - started).toBeLessThan(6000);
  });

  it('turns a missing kubectl into an outcome, never an exception', async () => {
    const missing = new KubectlClusterProbe({ kubectl: join(fx.dir, 'no-such-kubectl'), env: fx.env(), now: () => NOW });
    expect(await missing.check(CONTEXTS.fake, testSettings(), withoutEvents)).toMatchObject({ reachable: false, error: expect.stringContaining('ENOENT') });
  });

  it('detects the kubectl release again when the server changes version, and always describes the binary that ran', async () => {
    const saved = fx.server.state.version;
    const fresh = new KubectlClusterProbe({ env: fx.env('cache-upgrade'), now: () => NOW });
    const kubectlAgents = (from: number): string[] =>
      [...new Set(fx.server.requests.slice(from).map((r) => r.userAgent?.split(' ')[0] ?? '').filter((a) => a.startsWith('kubectl/')))];
    try {
      fx.server.state.version = kubeVersion(27, 1);
      observed(await fresh.check(CONTEXTS.fake, testSettings(), withoutEvents));
      const first = fresh.capabilitiesOf(CONTEXTS.fake);
      expect(first?.minor).toBe(27);
      fx.server.state.version = kubeVersion(33, 1);
      expect(observed(await fresh.check(CONTEXTS.fake, testSettings(), withoutEvents)).info.serverVersion).toBe('1.33.1');
      const before = fx.server.requests.length;
      observed(await fresh.check(CONTEXTS.fake, testSettings(), withoutEvents));
      const again = fresh.capabilitiesOf(CONTEXTS.fake);
      expect(again).not.toBe(first);
      // The dispatcher caches /version in KUBECACHEDIR, so it may keep running 1.27: the capabilities must say whichever ran.
      expect(kubectlAgents(before)).toEqual([expect.stringMatching(new RegExp(`^kubectl/v1\\.${again?.minor}\\.`))]);
    } finally {
      fx.server.state.version = saved;
    }
  });

  it.each([27, 30, 33])('works with kubectl 1.%i (picked by the dispatcher from the server version), no flag errors', async (minor) => {
    const saved = fx.server.state.version;
    fx.server.state.version = kubeVersion(minor, 4);
    try {
      const fresh = new KubectlClusterProbe({ env: fx.env(`cache-${minor}`), now: () => NOW });
      const before = fx.server.requests.length;
      const obs = observed(await fresh.check(CONTEXTS.fake, testSettings(), withEvents));
      expect(obs.info).toMatchObject({ serverVersion: `1.${minor}.4`, error: null });
      expect(obs.nodes).toHaveLength(2);
      expect(obs.pods).toHaveLength(3);
      expect(obs.events.length).toBeGreaterThan(0);
      expect(fresh.capabilitiesOf(CONTEXTS.fake)).toMatchObject({ minor, provisional: false });
      const agents = new Set(fx.server.requests.slice(before).map((r) => r.userAgent?.split(' ')[0]));
      expect([...agents].filter((a) => a?.startsWith('kubectl/'))).toEqual([expect.stringMatching(new RegExp(`^kubectl/v1\\.${minor}\\.`))]);
    } finally {
      fx.server.state.version = saved;
    }
  });
});

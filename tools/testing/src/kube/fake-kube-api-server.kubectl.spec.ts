import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoreV1EventList, V1NodeList, V1PodList, VersionInfo } from '@kubernetes/client-node';
import { defaultDemoState } from './demo-kube-state';
import { FakeKubeApiServer, startFakeKubeApiServer } from './fake-kube-api-server';
import { node, pod, warningEvent } from './fake-kube-builders';
import { kubeVersion } from './fake-kube-state';
import { kubectlEnv, runKubectl } from './kubectl-process';

jest.setTimeout(30_000);

// Real kubectl (the gcloud dispatcher on PATH) against the fake over https with the CA in the kubeconfig.
describe('FakeKubeApiServer with real kubectl (REST)', () => {
  let dir: string;
  let fake: FakeKubeApiServer;
  const kubectl = (...args: string[]) => runKubectl(args, { env: kubectlEnv(dir) });
  const json = async <T>(...args: string[]): Promise<T> => {
    const r = await kubectl(...args, '-o', 'json');
    expect(r).toMatchObject({ code: 0 });
    return JSON.parse(r.stdout) as T;
  };
  type Versions = { serverVersion: VersionInfo; clientVersion: VersionInfo };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fake-kube-rest-'));
    fake = await startFakeKubeApiServer({ tls: true, state: defaultDemoState() });
    fake.writeKubeconfig(join(dir, 'kubeconfig'));
  });
  afterAll(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    fake.state = defaultDemoState();
    fake.clearRecords();
  });

  it('reports the server version, and the dispatcher runs the matching kubectl', async () => {
    const v = await json<Versions>('version');
    expect(v.serverVersion).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.4' });
    fake.state.version = kubeVersion(28, 7);
    const old = await json<Versions>('version');
    expect(old.serverVersion.gitVersion).toBe('v1.28.7');
    expect(old.clientVersion.gitVersion).toMatch(/^v1\.28\./);
    expect(fake.requests.some((r) => r.path.startsWith('/version') && r.userAgent?.startsWith('kubectl-dispatcher/'))).toBe(true);
  });

  it('lists nodes and pods as the state says, right after it changes', async () => {
    fake.state.nodes.push(node('node-c', { ready: false }));
    fake.state.pods.push(pod('worker-0', { namespace: 'jobs', phase: 'Pending', labels: { app: 'worker' } }));
    fake.state.pods.push(pod('done-0', { namespace: 'jobs', phase: 'Succeeded', labels: { app: 'worker' } }));
    const nodes = await json<V1NodeList>('get', 'nodes');
    const readiness = nodes.items.map((n) => [n.metadata?.name, n.status?.conditions?.find((c) => c.type === 'Ready')?.status]);
    expect(readiness).toEqual([['node-a', 'True'], ['node-b', 'True'], ['node-c', 'False']]);
    const pods = await json<V1PodList>('get', 'pods', '-A', '-l', 'app=worker', '--field-selector', 'status.phase!=Succeeded');
    expect(pods.items.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}:${p.status?.phase}`)).toEqual(['jobs/worker-0:Pending']);
  });

  it('prints server-side tables for short names (kubectl get po)', async () => {
    fake.state.pods[0].waitingReason = 'CrashLoopBackOff';
    fake.state.pods[0].ready = false;
    fake.state.pods[0].restarts = 7;
    const r = await kubectl('get', 'po');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
    expect(r.stdout).toMatch(/web-0\s+0\/1\s+CrashLoopBackOff\s+7\s/);
    expect(r.stdout).toMatch(/postgres-0\s+1\/1\s+Running\s+0\s/);
  });

  it('serves core/v1 events in a namespace and across all of them', async () => {
    fake.state.events.push(
      warningEvent('BackOff', 'Back-off restarting failed container', { involvedObject: { kind: 'Pod', name: 'web-0' }, count: 5 }),
      warningEvent('FailedScheduling', '0/2 nodes are available', { namespace: 'jobs', involvedObject: { kind: 'Pod', name: 'worker-0' } }),
    );
    const all = await json<CoreV1EventList>('get', 'events', '-A', '--field-selector', 'type=Warning');
    expect(all.items.map((e) => [e.metadata.namespace, e.reason, e.involvedObject.name, e.count])).toEqual([
      ['default', 'BackOff', 'web-0', 5],
      ['jobs', 'FailedScheduling', 'worker-0', 1],
    ]);
    const inDefault = await json<CoreV1EventList>('get', 'events', '-n', 'default');
    expect(inDefault.items.map((e) => e.reason)).toEqual(['Started', 'Started', 'BackOff']);
  });

  it('answers health checks, and fails them on demand', async () => {
    expect(await kubectl('get', '--raw', '/readyz')).toMatchObject({ code: 0, stdout: 'ok' });
    expect((await kubectl('get', '--raw', '/livez?verbose')).stdout).toContain('livez check passed');
    fake.state.health.readyz = false;
    const failed = await kubectl('get', '--raw', '/readyz');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/InternalError|readyz check failed|500/);
  });

  it('shows the control plane and the cluster services in cluster-info', async () => {
    const r = await kubectl('cluster-info');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Kubernetes control plane is running at ${fake.url}`);
    expect(r.stdout).toContain('CoreDNS is running at');
  });

  it('refuses connections while stopped and serves again on the same port after start()', async () => {
    const port = fake.port;
    await fake.stop();
    const down = await runKubectl(['get', '--raw', '/readyz', '--request-timeout=2s'], { env: kubectlEnv(dir) });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain(`127.0.0.1:${port}`);
    expect(down.stderr).toMatch(/refused/);
    await fake.start();
    expect(fake.port).toBe(port);
    expect(await kubectl('get', '--raw', '/readyz')).toMatchObject({ code: 0, stdout: 'ok' });
  });

  it('writes extra contexts, e.g. one for a cluster that is down', async () => {
    const file = join(dir, 'multi-kubeconfig');
    fake.writeKubeconfig(file, { contextName: 'up', extraContexts: [{ name: 'down', server: 'http://127.0.0.1:1' }] });
    const env = kubectlEnv(dir, file);
    const contexts = await runKubectl(['config', 'get-contexts', '-o', 'name'], { env });
    expect(contexts.stdout.split('\n').filter(Boolean)).toEqual(['down', 'up']);
    expect(await runKubectl(['get', '--raw', '/readyz'], { env })).toMatchObject({ code: 0, stdout: 'ok' });
    const down = await runKubectl(['--context', 'down', 'get', '--raw', '/readyz', '--request-timeout=2s'], { env });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('The connection to the server 127.0.0.1:1 was refused');
  });
});

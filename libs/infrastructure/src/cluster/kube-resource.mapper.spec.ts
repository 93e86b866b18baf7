import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarizeResources } from '@localport/domain';
import { KubeEvent, KubeNode, KubePod } from './kube-objects';
import { MAX_EVENTS, toClusterEvents, toMillis, toNodeStatuses, toPodStatuses } from './kube-resource.mapper';
import { parseItems, parseServerUrl, parseServerVersion } from './kubectl-output.parser';

const fixture = (name: string): string => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');
const items = <T>(name: string): readonly T[] => {
  const r = parseItems<T>(fixture(name), name);
  if (!r.ok) throw r.error;
  return r.value;
};

describe('kube resource mapping (kubectl -o json shapes)', () => {
  it('maps nodes by their Ready condition, sorted by name', () => {
    const nodes = toNodeStatuses(items<KubeNode>('kubectl-get-nodes.json'));
    expect(nodes).toEqual([
      { kind: 'Node', name: 'kind-control-plane', namespace: '', phase: 'Running', ready: true, restartCount: 0, createdAt: Date.parse('2025-05-20T08:11:58Z') },
      { kind: 'Node', name: 'kind-worker2', namespace: '', phase: 'Unknown', ready: false, restartCount: 0, createdAt: Date.parse('2025-05-20T08:12:31Z') },
    ]);
  });

  it('maps pods with phase, Ready, summed restarts and node, leaving out Succeeded ones', () => {
    const pods = toPodStatuses(items<KubePod>('kubectl-get-pods.json'));
    expect(pods.map((p) => `${p.namespace}/${p.name}`)).toEqual(['kube-system/coredns-668d6bf9bc-4jt7w', 'shop/db-0', 'shop/web-7c9d5b6f4-x2k8q']);
    expect(pods[2]).toEqual({
      kind: 'Pod', name: 'web-7c9d5b6f4-x2k8q', namespace: 'shop', phase: 'Running', ready: false, restartCount: 7,
      nodeName: 'kind-worker2', createdAt: Date.parse('2025-05-20T08:13:10Z'),
    });
    expect(pods[1]).toMatchObject({ phase: 'Pending', ready: false, restartCount: 0 });
    expect(pods[1]).not.toHaveProperty('nodeName');
    expect(summarizeResources([], pods).pods).toEqual({ total: 3, byPhase: { Running: 2, Pending: 1 }, restarting: 1, healthy: 1 });
  });

  it('maps events newest first, taking eventTime when lastTimestamp is null', () => {
    const events = toClusterEvents('kind', items<KubeEvent>('kubectl-get-events.json'));
    expect(events.map((e) => e.reason)).toEqual(['BackOff', 'FailedScheduling', 'NodeNotReady', 'Scheduled']);
    expect(events[1]).toEqual({
      context: 'kind', namespace: 'shop', type: 'Warning', reason: 'FailedScheduling', message: '0/3 nodes are available: 3 Insufficient memory.',
      object: { kind: 'Pod', name: 'db-0', namespace: 'shop' }, count: 1, lastSeen: Date.parse('2025-05-20T10:00:01.123Z'),
    });
    expect(events[0]).toMatchObject({ count: 27, lastSeen: Date.parse('2025-05-20T10:00:55Z') });
    expect(events[2].object).toEqual({ kind: 'Node', name: 'kind-worker2' });
  });

  it(`keeps only the newest ${MAX_EVENTS} events`, () => {
    const many: KubeEvent[] = Array.from({ length: 80 }, (_, i) => ({ type: 'Warning', reason: `R${i}`, lastTimestamp: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString() }));
    const events = toClusterEvents('c', many);
    expect(events).toHaveLength(MAX_EVENTS);
    expect(events[0].reason).toBe('R79');
    expect(events[MAX_EVENTS - 1].reason).toBe('R30');
  });

  it('reads times given as strings (kubectl) and as Date (client-node) alike', () => {
    expect(toMillis('2025-05-20T10:00:01.123456Z')).toBe(Date.parse('2025-05-20T10:00:01.123Z'));
    expect(toMillis(new Date('2025-05-20T10:00:01.123Z'))).toBe(Date.parse('2025-05-20T10:00:01.123Z'));
    expect(toMillis(null)).toBeUndefined();
    expect(toMillis('not a time')).toBeUndefined();
  });
});

describe('kubectl output parsing', () => {
  it('reads the server version from JSON and from the pre-1.11 text form', () => {
    expect(parseServerVersion(fixture('kubectl-version-1.27.json'), true)).toEqual({ ok: true, value: '1.27.4' });
    expect(parseServerVersion('Client Version: v1.10.0\nServer Version: v1.9.11\n', false)).toEqual({ ok: true, value: '1.9.11' });
    expect(parseServerVersion('Server Version: version.Info{Major:"1", Minor:"10", GitVersion:"v1.10.3", GitCommit:"x"}', false)).toEqual({ ok: true, value: '1.10.3' });
  });

  it('reads the API server URL from config view --minify', () => {
    expect(parseServerUrl(fixture('kubectl-config-view-minify.json'))).toEqual({ ok: true, value: 'http://127.0.0.1:39477' });
  });

  it('reports output that is not JSON as a failed request', () => {
    expect(parseItems('error: oops', 'nodes')).toMatchObject({ ok: false, error: { code: 'CLUSTER.REQUEST_FAILED' } });
  });
});

import { isResourceHealthy, PodPhase, RESTARTING_POD_THRESHOLD, ResourceStatus, summarizeResources } from './resource-status';

const node = (name: string, ready: boolean): ResourceStatus => ({ kind: 'Node', name, namespace: '', phase: ready ? 'Running' : 'Unknown', ready, restartCount: 0 });
const pod = (name: string, phase: PodPhase, ready: boolean, restartCount = 0): ResourceStatus => ({
  kind: 'Pod', name, namespace: 'default', phase, ready, restartCount, nodeName: 'n1',
});

describe(isResourceHealthy.name, () => {
  it.each<[string, ResourceStatus, boolean]>([
    ['a ready node', node('n1', true), true],
    ['an unready node', node('n1', false), false],
    ['a ready node whatever its phase', { ...node('n1', true), phase: 'Unknown' }, true],
    ['a running, ready pod', pod('api', 'Running', true), true],
    ['a running, ready pod with 4 restarts', pod('api', 'Running', true, 4), true],
    ['a running, ready pod with 5 restarts', pod('api', 'Running', true, 5), false],
    ['a running, ready pod with 40 restarts', pod('api', 'Running', true, 40), false],
    ['a running pod that is not ready', pod('api', 'Running', false), false],
    ['a pending pod', pod('api', 'Pending', false), false],
    ['a failed pod', pod('api', 'Failed', false), false],
    ['a succeeded pod', pod('job', 'Succeeded', false), false],
    ['a pod in an unknown phase marked ready', pod('api', 'Unknown', true), false],
  ])('%s -> %s', (_name, r, healthy) => {
    expect(isResourceHealthy(r)).toBe(healthy);
  });

  it('uses LocalPort threshold of 5 restarts', () => {
    expect(RESTARTING_POD_THRESHOLD).toBe(5);
  });
});

describe(summarizeResources.name, () => {
  it('counts nothing for an empty cluster', () => {
    expect(summarizeResources([], [])).toEqual({ nodes: { ready: 0, total: 0 }, pods: { total: 0, byPhase: {}, restarting: 0, healthy: 0 } });
  });

  it('counts ready nodes, pods per phase, restarting and healthy pods', () => {
    const nodes = [node('n1', true), node('n2', true), node('n3', false)];
    const pods = [
      pod('a', 'Running', true),
      pod('b', 'Running', true, 7),
      pod('c', 'Running', false, 5),
      pod('d', 'Pending', false),
      pod('e', 'Pending', false),
      pod('f', 'Succeeded', false),
      pod('g', 'Running', true, 4),
    ];
    expect(summarizeResources(nodes, pods)).toEqual({
      nodes: { ready: 2, total: 3 },
      pods: { total: 7, byPhase: { Running: 4, Pending: 2, Succeeded: 1 }, restarting: 2, healthy: 2 },
    });
  });

  it('leaves phases that no pod is in out of byPhase', () => {
    expect(Object.keys(summarizeResources([], [pod('a', 'Failed', false)]).pods.byPhase)).toEqual(['Failed']);
  });
});

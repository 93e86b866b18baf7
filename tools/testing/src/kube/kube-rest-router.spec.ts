import { defaultDemoState } from './demo-kube-state';
import { pod } from './fake-kube-builders';
import { routeRest } from './kube-rest-router';

const get = (path: string, accept = 'application/json') => {
  const reply = routeRest({ method: 'GET', url: new URL(path, 'http://x'), accept, serverAddress: '127.0.0.1:1' }, state);
  return { status: reply.status, json: reply.contentType.startsWith('application/json') ? JSON.parse(reply.body) : undefined, text: reply.body };
};
let state = defaultDemoState();
beforeEach(() => {
  state = defaultDemoState();
});

describe('routeRest', () => {
  it('answers a missing pod with a NotFound Status', () => {
    expect(get('/api/v1/namespaces/default/pods/nope')).toMatchObject({
      status: 404,
      json: { kind: 'Status', reason: 'NotFound', code: 404, message: 'pods "nope" not found' },
    });
  });

  it('filters pods by label and field selectors across namespaces', () => {
    state.pods.push(pod('job-1', { namespace: 'batch', phase: 'Succeeded', labels: { app: 'web' } }));
    const names = (path: string) => get(path).json.items.map((p: { metadata: { name: string } }) => p.metadata.name);
    expect(names('/api/v1/pods?labelSelector=app%3Dweb')).toEqual(['web-0', 'job-1']);
    expect(names('/api/v1/pods?labelSelector=app%3Dweb&fieldSelector=status.phase!%3DSucceeded')).toEqual(['web-0']);
    expect(names('/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dpostgres-0')).toEqual(['postgres-0']);
    expect(get('/api/v1/namespaces').json.items.map((n: { metadata: { name: string } }) => n.metadata.name)).toContain('batch');
  });

  it('reports workload readiness from the pods it selects', () => {
    state.pods.find((p) => p.name === 'web-0')!.ready = false;
    expect(get('/apis/apps/v1/namespaces/default/deployments/web').json).toMatchObject({
      kind: 'Deployment',
      spec: { selector: { matchLabels: { app: 'web' } } },
      status: { replicas: 1, readyReplicas: 0 },
    });
  });

  it('serves a Table when kubectl asks for one', () => {
    state.pods[0].phase = 'Pending';
    state.pods[0].ready = false;
    const table = get('/api/v1/namespaces/default/pods', 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json').json;
    expect(table.kind).toBe('Table');
    expect(table.columnDefinitions.map((c: { name: string }) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node']);
    expect(table.rows[0].cells.slice(0, 4)).toEqual(['web-0', '0/1', 'ContainerCreating', 0]);
  });

  it('fails health checks on demand, verbosely', () => {
    expect(get('/readyz')).toMatchObject({ status: 200, text: 'ok' });
    state.health.readyz = false;
    const failed = get('/readyz');
    expect(failed.status).toBe(500);
    expect(failed.text).toContain('[-]etcd failed');
    expect(failed.text).toContain('readyz check failed');
    expect(get('/livez?verbose').text).toContain('livez check passed');
  });

  it('lists short names in discovery', () => {
    const pods = get('/api/v1').json.resources.find((r: { name: string }) => r.name === 'pods');
    expect(pods).toMatchObject({ kind: 'Pod', namespaced: true, shortNames: ['po'] });
    expect(get('/apis').json.groups.map((g: { name: string }) => g.name)).toEqual(['apps', 'events.k8s.io', 'discovery.k8s.io']);
  });

  it('refuses writes, and leaves watches to the server (which streams them)', () => {
    expect(routeRest({ method: 'DELETE', url: new URL('/api/v1/namespaces/default/pods/web-0', 'http://x'), serverAddress: '' }, state).status).toBe(405);
    expect(get('/api/v1/pods?watch=true').status).toBe(405);
  });
});

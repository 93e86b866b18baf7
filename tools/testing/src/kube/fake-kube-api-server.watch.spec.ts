import { request } from 'node:http';
import { pod } from './fake-kube-builders';
import { FakeKubeApiServer, startFakeKubeApiServer } from './fake-kube-api-server';

interface WatchEvent {
  type: string;
  object: { kind?: string; code?: number; metadata: { name: string; resourceVersion: string }; status?: { conditions?: Array<{ type: string; status: string }> }; endpoints?: Array<{ conditions: { ready: boolean }; targetRef: { name: string } }> };
}

/** Opens a watch and collects its events until `stop()`. */
function openWatch(fake: FakeKubeApiServer, path: string): { events: WatchEvent[]; next(n: number): Promise<WatchEvent[]>; stop(): void } {
  const events: WatchEvent[] = [];
  const waiters: Array<() => void> = [];
  let buffer = '';
  const req = request(`${fake.url}${path}`, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        events.push(JSON.parse(buffer.slice(0, nl)) as WatchEvent);
        buffer = buffer.slice(nl + 1);
        for (const w of waiters.splice(0)) w();
      }
    });
  });
  req.on('error', () => undefined);
  req.end();
  const next = async (n: number): Promise<WatchEvent[]> => {
    while (events.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
    return events.slice(0, n);
  };
  return { events, next, stop: () => req.destroy() };
}

const getJson = async (fake: FakeKubeApiServer, path: string) => (await fetch(`${fake.url}${path}`)).json() as Promise<{ metadata: { resourceVersion: string }; items: unknown[] }>;

describe('FakeKubeApiServer watches', () => {
  let fake: FakeKubeApiServer;
  beforeEach(async () => {
    fake = await startFakeKubeApiServer();
  });
  afterEach(() => fake.close());

  it('streams readiness changes, deletion and a replacement pod after the listed resourceVersion', async () => {
    const list = await getJson(fake, '/api/v1/namespaces/default/pods?labelSelector=app%3Dweb');
    const watch = openWatch(fake, `/api/v1/namespaces/default/pods?watch=true&labelSelector=app%3Dweb&resourceVersion=${list.metadata.resourceVersion}`);
    const web0 = fake.state.pods.find((p) => p.name === 'web-0')!;
    web0.ready = false;
    const [notReady] = await watch.next(1);
    expect(notReady.type).toBe('MODIFIED');
    expect(notReady.object.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    fake.state.pods = fake.state.pods.filter((p) => p !== web0).concat(pod('web-1', { labels: { app: 'web' } }));
    const events = await watch.next(3);
    expect(events.slice(1).map((e) => `${e.type} ${e.object.metadata.name}`).sort()).toEqual(['ADDED web-1', 'DELETED web-0']);
    expect(Number(events[2].object.metadata.resourceVersion)).toBeGreaterThan(Number(list.metadata.resourceVersion));
    // Another app's pods never show up in this watch.
    fake.state.pods.push(pod('other-0', { labels: { app: 'other' } }));
    fake.state.pods.push(pod('web-2', { labels: { app: 'web' } }));
    expect((await watch.next(4))[3].object.metadata.name).toBe('web-2');
    watch.stop();
  });

  it('starts with ADDED for every object when no resourceVersion is given, and serves EndpointSlices with ready conditions', async () => {
    const watch = openWatch(fake, '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?watch=1&labelSelector=kubernetes.io%2Fservice-name%3Dweb');
    const [added] = await watch.next(1);
    expect(added.type).toBe('ADDED');
    expect(added.object.kind).toBe('EndpointSlice');
    expect(added.object.endpoints?.map((e) => [e.targetRef.name, e.conditions.ready])).toEqual([['web-0', true]]);
    fake.state.pods.find((p) => p.name === 'web-0')!.ready = false;
    const [, modified] = await watch.next(2);
    expect(modified.object.endpoints?.map((e) => [e.targetRef.name, e.conditions.ready])).toEqual([['web-0', false]]);
    watch.stop();
  });

  it('answers a resourceVersion older than its history with a 410 Expired event', async () => {
    await getJson(fake, '/api/v1/pods');
    fake.state.pods[0].ready = false;
    await getJson(fake, '/api/v1/pods');
    const watch = openWatch(fake, '/api/v1/pods?watch=true&resourceVersion=0');
    await watch.next(3);
    watch.stop();
    const stale = openWatch(fake, '/api/v1/pods?watch=true&resourceVersion=-5');
    const [gone] = await stale.next(1);
    expect(gone).toMatchObject({ type: 'ERROR', object: { code: 410 } });
    stale.stop();
  });

  it('answers 401 to a rejected bearer token', async () => {
    fake.rejectedTokens.add('nope');
    const res = await fetch(`${fake.url}/api/v1/pods`, { headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
    expect((await fetch(`${fake.url}/api/v1/pods`, { headers: { authorization: 'Bearer fine' } })).status).toBe(200);
  });
});

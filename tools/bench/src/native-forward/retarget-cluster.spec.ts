import { READY_AFTER_MS, RetargetCluster } from './retarget-cluster';

describe(RetargetCluster.name, () => {
  let cluster: RetargetCluster;
  beforeAll(async () => {
    cluster = await RetargetCluster.start(4321);
  });
  afterAll(() => cluster.close());
  beforeEach(() => cluster.reset());

  it('starts each forwarder from two Ready web pods and db-0, every pod port led to the target', () => {
    const s = cluster.fake.state;
    expect(cluster.webPods()).toHaveLength(2);
    expect(s.pods.map((p) => p.ready)).toEqual([true, true, true]);
    expect(s.pods[2].name).toBe('db-0');
    expect(new Set(s.pods.map((p) => p.name)).size).toBe(3);
    for (const p of s.pods) expect(s.portTargets[`default/${p.name}`]).toEqual({ 80: { host: '127.0.0.1', port: 4321 } });
  });

  it('replaces the oldest web pod: the other stays Ready, the replacement is NotReady until READY_AFTER_MS later', async () => {
    const [oldest, other] = cluster.webPods();
    const t0 = performance.now();
    const replacing = cluster.replaceWebPod();
    const fresh = cluster.webPods().find((p) => p.name !== other.name)!;
    expect(cluster.webPods().map((p) => p.name)).not.toContain(oldest.name);
    expect([other.ready, fresh.ready]).toEqual([true, false]);
    expect(await replacing).toBe(oldest.name);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(READY_AFTER_MS - 5);
    expect(fresh.ready).toBe(true);
    expect(cluster.fake.state.portTargets[`default/${fresh.name}`]).toEqual({ 80: { host: '127.0.0.1', port: 4321 } });
  });

  it('recreates db-0 under its name with a new uid, gone and then NotReady for the times asked', async () => {
    const before = cluster.fake.state.pods.find((p) => p.name === 'db-0')!;
    const replacing = cluster.replaceDbPod(100, 100);
    expect(cluster.fake.state.pods.some((p) => p.name === 'db-0')).toBe(false);
    const readyAt = await replacing;
    const after = cluster.fake.state.pods.find((p) => p.name === 'db-0')!;
    expect(after.uid).not.toBe(before.uid);
    expect(after.ready).toBe(true);
    expect(readyAt).toBeLessThanOrEqual(performance.now());
  });
});

import {
  aKubectlService, anSshService, aTcpCheck, FakeClock, FakeHealthProber, FakeListenerFactory, FakeRandom, FakeTunnelLauncher, InMemoryServiceLogs, RecordingLogger,
} from '../testing';
import { OpenClusterGate } from '../ports/cluster-gate.port';
import { Supervisor } from './supervisor';

function setup() {
  const clock = new FakeClock();
  const kubectl = new FakeTunnelLauncher('kubectl');
  const ssh = new FakeTunnelLauncher('ssh');
  const listeners = new FakeListenerFactory();
  const supervisor = new Supervisor({
    launchers: [kubectl, ssh], listeners, prober: new FakeHealthProber(), gate: new OpenClusterGate(), clock, random: new FakeRandom(),
    logger: new RecordingLogger(), serviceLogs: new InMemoryServiceLogs(), startTimeoutMs: 10_000,
  });
  return { clock, kubectl, ssh, listeners, supervisor };
}

/** Applies `count` kubectl services; resolves with how many had launched when a callback queued before `apply` ran. */
async function applyMany(t: ReturnType<typeof setup>, count: number): Promise<number> {
  const many = Array.from({ length: count }, (_, i) => aKubectlService({ name: `svc-${i}`, localPort: 20_000 + i }));
  let seenMidway = -1;
  setImmediate(() => (seenMidway = t.kubectl.launched.length));
  await t.supervisor.apply(many);
  return seenMidway;
}

const db = aKubectlService({ name: 'db', localPort: 15432, tags: ['data'] });
const web = aKubectlService({ name: 'web', localPort: 18080, tags: ['front'] });
const bastion = anSshService({ name: 'bastion', localPort: 25432 });

describe(Supervisor.name, () => {
  it('starts every enabled service on first apply and leaves disabled ones disabled', async () => {
    const t = setup();
    await t.supervisor.apply([db, web, aKubectlService({ name: 'off', localPort: 19000, enabled: false })]);
    expect(t.supervisor.snapshots().map((s) => [s.name, s.state])).toEqual([['db', 'running'], ['web', 'running'], ['off', 'disabled']]);
  });

  it('lets the event loop run while it starts a large config (a control request is answered mid-apply)', async () => {
    const t = setup();
    const seenMidway = await applyMany(t, 200);
    expect(t.kubectl.launched).toHaveLength(200);
    expect(seenMidway).toBeGreaterThan(0);
    expect(seenMidway).toBeLessThan(200);
  });

  it('also lets the event loop run once starting services has taken a few milliseconds, before 25 of them', async () => {
    const t = setup();
    // Every reading of the clock is 5 ms after the one before: starting one service already takes longer than a slice.
    let ms = 0;
    jest.spyOn(t.clock, 'monotonic').mockImplementation(() => (ms += 5));
    const seenMidway = await applyMany(t, 10);
    expect(t.kubectl.launched).toHaveLength(10);
    expect(seenMidway).toBe(1);
  });

  it('only registers services with auto-start off', async () => {
    const t = setup();
    await t.supervisor.apply([db], false);
    expect(t.supervisor.snapshots()[0].state).toBe('stopped');
    expect(t.kubectl.launched).toHaveLength(0);
  });

  it('reloads: added starts, removed stops, changed port restarts that service only, untouched keeps its tunnel', async () => {
    const t = setup();
    await t.supervisor.apply([db, web, bastion]);
    const webTunnel = t.kubectl.launched.find((l) => l.service.name === 'web')!.tunnel!;
    const dbTunnel = t.kubectl.launched.find((l) => l.service.name === 'db')!.tunnel!;
    const cache = aKubectlService({ name: 'cache', localPort: 16379 });
    const plan = await t.supervisor.apply([{ ...db, localPort: 15433 as never }, web, cache]);
    expect(plan.map((a) => `${a.kind}:${'service' in a ? a.service.name : a.name}`).sort()).toEqual(['keep:web', 'restart:db', 'start:cache', 'stop:bastion']);
    expect(webTunnel.stopped).toBe(false);
    expect(dbTunnel.stopped).toBe(true);
    expect(t.listeners.open(15432)).toBeUndefined();
    expect(t.listeners.open(15433)).toBeDefined();
    expect(t.ssh.current!.stopped).toBe(true);
    expect(t.supervisor.snapshots().map((s) => [s.name, s.state])).toEqual([['db', 'running'], ['web', 'running'], ['cache', 'running']]);
  });

  it('re-arms a changed health check without restarting the tunnel', async () => {
    const t = setup();
    await t.supervisor.apply([db]);
    const tunnel = t.kubectl.current!;
    const plan = await t.supervisor.apply([{ ...db, healthCheck: aTcpCheck({ intervalMs: 5_000 }) }]);
    expect(plan[0].kind).toBe('rearm');
    expect(tunnel.stopped).toBe(false);
    expect(t.kubectl.launched).toHaveLength(1);
  });

  it('stops a service disabled by a reload and starts it again when re-enabled', async () => {
    const t = setup();
    await t.supervisor.apply([db]);
    await t.supervisor.apply([{ ...db, enabled: false }]);
    expect(t.supervisor.snapshots()[0].state).toBe('disabled');
    await t.supervisor.apply([db]);
    expect(t.supervisor.snapshots()[0].state).toBe('running');
  });

  it('selects by name, by tag (any match) and all; names an unknown service', async () => {
    const t = setup();
    await t.supervisor.apply([db, web, bastion], false);
    const byTag = await t.supervisor.start({ tags: ['front', 'nope'] });
    expect(byTag.ok && byTag.value.map((o) => o.name)).toEqual(['web']);
    const unknown = await t.supervisor.start({ names: ['db', 'redis'] });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'SERVICE.UNKNOWN', message: expect.stringContaining('redis') } });
    const none = await t.supervisor.stop({});
    expect(none).toMatchObject({ ok: false, error: { code: 'SERVICE.NONE_SELECTED' } });
    await t.supervisor.start({ all: true });
    expect(t.supervisor.snapshots().every((s) => s.state === 'running')).toBe(true);
    await t.supervisor.stop({ names: ['db'] });
    expect(t.supervisor.get('db')!.snapshot().state).toBe('stopped');
  });

  it('reports a start that failed with its reason and code', async () => {
    const t = setup();
    t.listeners.busy.set(15432, { pid: 77, command: 'postgres' });
    await t.supervisor.apply([{ ...db, restartPolicy: { ...db.restartPolicy, enabled: false } }], false);
    const r = await t.supervisor.start({ names: ['db'] });
    expect(r).toMatchObject({ ok: true, value: [{ name: 'db', ok: false, state: 'failed', code: 'FORWARD.PORT_IN_USE', error: expect.stringContaining('pid 77') }] });
  });

  it('reports a start whose local port is held as FORWARD.PORT_IN_USE while the service waits for it', async () => {
    const t = setup();
    t.listeners.busy.set(15432, { pid: 77, command: 'postgres' });
    await t.supervisor.apply([db], false);
    const r = await t.supervisor.start({ names: ['db'] });
    expect(r).toMatchObject({ ok: true, value: [{ name: 'db', ok: false, state: 'restarting', code: 'FORWARD.PORT_IN_USE', error: 'waiting for port 15432 (held by pid 77, postgres)' }] });
    t.listeners.busy.delete(15432);
    const again = await t.supervisor.start({ names: ['db'] }); // start tries the port now
    expect(again).toMatchObject({ ok: true, value: [{ name: 'db', ok: true, state: 'running' }] });
  });

  it('shuts everything down in parallel', async () => {
    const t = setup();
    await t.supervisor.apply([db, web, bastion]);
    await t.supervisor.shutdown();
    expect(t.listeners.listeners.every((l) => l.closed)).toBe(true);
    expect(t.supervisor.snapshots().every((s) => s.state === 'stopped')).toBe(true);
  });
});

import { OpenClusterGate } from '../ports/cluster-gate.port';
import { aKubectlService, FakeClock, FakeHealthProber, FakeListenerFactory, FakeRandom, FakeTunnelLauncher, InMemoryServiceLogs, RecordingLogger } from '../testing';
import { LaunchQueue, MAX_CONCURRENT_LAUNCHES } from './launch-queue';
import { Supervisor } from './supervisor';

describe(LaunchQueue.name, () => {
  it('grants at most `limit` slots, then one per release, first come first served', async () => {
    const q = new LaunchQueue(2);
    const never = new AbortController().signal;
    const order: number[] = [];
    const slots = [1, 2, 3, 4].map((n) => q.acquire(never).then((release) => (order.push(n), release!)));
    await Promise.resolve();
    await Promise.resolve();
    expect(order).toEqual([1, 2]);
    expect([q.running, q.queued]).toEqual([2, 2]);
    (await slots[1])();
    await slots[2];
    expect(order).toEqual([1, 2, 3]);
    (await slots[0])();
    (await slots[0])(); // releasing twice frees one slot only
    await slots[3];
    expect([q.running, q.queued]).toEqual([2, 0]);
  });

  it('answers null at once to a waiter whose signal aborts, and skips it', async () => {
    const q = new LaunchQueue(1);
    const first = await q.acquire(new AbortController().signal);
    const abort = new AbortController();
    const cancelled = q.acquire(abort.signal);
    abort.abort();
    expect(await cancelled).toBeNull();
    expect(q.queued).toBe(0);
    first!();
    expect(q.running).toBe(0);
    expect(await q.acquire(AbortSignal.abort())).toBeNull();
  });
});

describe('Supervisor with many services (issue 11, defect 3)', () => {
  function setup() {
    const clock = new FakeClock();
    const kubectl = new FakeTunnelLauncher('kubectl');
    const listeners = new FakeListenerFactory();
    const supervisor = new Supervisor({
      launchers: [kubectl], listeners, prober: new FakeHealthProber(), gate: new OpenClusterGate(), clock, random: new FakeRandom(), logger: new RecordingLogger(),
      serviceLogs: new InMemoryServiceLogs(), startTimeoutMs: 10_000,
    });
    const services = Array.from({ length: 30 }, (_, i) => aKubectlService({ name: `svc-${i}`, localPort: 20_000 + i }));
    return { clock, kubectl, listeners, supervisor, services };
  }

  it(`launches at most ${MAX_CONCURRENT_LAUNCHES} tunnels at once, and all of them in the end`, async () => {
    const t = setup();
    t.kubectl.pause();
    const applied = t.supervisor.apply(t.services);
    await t.clock.advance(0);
    expect(t.kubectl.inFlight).toBe(MAX_CONCURRENT_LAUNCHES);
    t.kubectl.resume();
    await applied;
    expect(t.kubectl.maxInFlight).toBe(MAX_CONCURRENT_LAUNCHES);
    expect(t.kubectl.launched).toHaveLength(30);
    expect(t.supervisor.snapshots().every((s) => s.state === 'running')).toBe(true);
  });

  it('shuts down at once while launches are queued: queued ones are cancelled, none launches later', async () => {
    const t = setup();
    t.kubectl.neverAnswerNext(MAX_CONCURRENT_LAUNCHES); // the first ones never answer, the rest wait for a slot
    const applied = t.supervisor.apply(t.services);
    await t.clock.advance(0);
    expect(t.kubectl.launched).toHaveLength(MAX_CONCURRENT_LAUNCHES);
    let done = false;
    void t.supervisor.shutdown().then(() => (done = true));
    await t.clock.advance(0);
    expect(done).toBe(true);
    await applied;
    await t.clock.advance(60_000);
    expect(t.kubectl.launched).toHaveLength(MAX_CONCURRENT_LAUNCHES);
    expect(t.supervisor.snapshots().every((s) => s.state === 'stopped')).toBe(true);
    expect(t.listeners.listeners.every((l) => l.closed)).toBe(true);
  });
});

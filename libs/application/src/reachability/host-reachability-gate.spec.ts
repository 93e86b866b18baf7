import { FakeClock, FakeHostProbe, RecordingLogger } from '../testing';
import { HostReachabilityGate } from './host-reachability-gate';

function setup() {
  const clock = new FakeClock();
  const probe = new FakeHostProbe();
  const gate = new HostReachabilityGate({ probe, clock, logger: new RecordingLogger() });
  const news: [string, boolean][] = [];
  gate.onChange((key, open) => news.push([key, open]));
  return { clock, probe, gate, news };
}

const HOST = '127.0.0.1:2222';

describe(HostReachabilityGate.name, () => {
  it('is open for a host it knows nothing about, and probes nothing on its own', async () => {
    const t = setup();
    await t.clock.advance(60_000);
    expect(t.gate.allowsRestart(HOST)).toBe(true);
    expect(t.probe.calls).toEqual([]);
  });

  it('closes on the evidence of a refused connection without probing, and says so', async () => {
    const t = setup();
    expect(await t.gate.verify(HOST, { unreachable: true })).toBe(false);
    expect(t.gate.allowsRestart(HOST)).toBe(false);
    expect(t.probe.calls).toEqual([]);
    expect(t.news).toEqual([[HOST, false]]);
  });

  it('without evidence probes once: closed when the probe fails, open when it answers', async () => {
    const t = setup();
    t.probe.down.add(HOST);
    expect(await t.gate.verify(HOST)).toBe(false);
    t.probe.down.clear();
    expect(await t.gate.verify(HOST)).toBe(true);
    expect(t.probe.probesOf(HOST)).toBe(2);
    expect(t.news).toEqual([[HOST, false], [HOST, true]]);
  });

  it('coalesces verifications of one host into one probe', async () => {
    const t = setup();
    t.probe.down.add(HOST);
    expect(await Promise.all([t.gate.verify(HOST), t.gate.verify(HOST), t.gate.verify(HOST)])).toEqual([false, false, false]);
    expect(t.probe.probesOf(HOST)).toBe(1);
  });

  it('while services wait on a closed host, one prober probes it every 2 s and opens it at the first answer', async () => {
    const t = setup();
    t.probe.down.add(HOST);
    await t.gate.verify(HOST, { unreachable: true });
    const releases = [t.gate.hold(HOST), t.gate.hold(HOST), t.gate.hold(HOST)];
    await t.clock.advance(1_999);
    expect(t.probe.probesOf(HOST)).toBe(0);
    await t.clock.advance(1);
    expect(t.probe.probesOf(HOST)).toBe(1);
    await t.clock.advance(4_000);
    expect(t.probe.probesOf(HOST)).toBe(3);
    t.probe.down.clear();
    await t.clock.advance(2_000);
    expect(t.probe.probesOf(HOST)).toBe(4);
    expect(t.gate.allowsRestart(HOST)).toBe(true);
    expect(t.news).toEqual([[HOST, false], [HOST, true]]);
    await t.clock.advance(10_000);
    expect(t.probe.probesOf(HOST)).toBe(4);
    releases.forEach((r) => r());
    expect(t.clock.pending).toBe(0);
  });

  it('stops probing when the last waiter lets go; the next waiter resumes it', async () => {
    const t = setup();
    t.probe.down.add(HOST);
    await t.gate.verify(HOST, { unreachable: true });
    const a = t.gate.hold(HOST);
    const b = t.gate.hold(HOST);
    await t.clock.advance(2_000);
    a();
    a(); // releasing twice counts once
    await t.clock.advance(2_000);
    expect(t.probe.probesOf(HOST)).toBe(2);
    b();
    await t.clock.advance(20_000);
    expect(t.probe.probesOf(HOST)).toBe(2);
    expect(t.clock.pending).toBe(0);
    expect(t.gate.allowsRestart(HOST)).toBe(false);
    t.gate.hold(HOST);
    t.probe.down.clear();
    await t.clock.advance(2_000);
    expect(t.probe.probesOf(HOST)).toBe(3);
    expect(t.gate.allowsRestart(HOST)).toBe(true);
  });

  it('does not trust "refused" from a host that answered a probe a moment ago: it probes, and stays open', async () => {
    const t = setup();
    t.probe.down.add(HOST);
    await t.gate.verify(HOST, { unreachable: true });
    const release = t.gate.hold(HOST);
    t.probe.down.clear();
    await t.clock.advance(2_000);
    release();
    expect(await t.gate.verify(HOST, { unreachable: true })).toBe(true);
    expect(t.probe.probesOf(HOST)).toBe(2);
    await t.clock.advance(4_001);
    t.probe.down.add(HOST);
    expect(await t.gate.verify(HOST, { unreachable: true })).toBe(false);
    expect(t.probe.probesOf(HOST)).toBe(2);
  });

  it('keeps one prober per host: two hosts are probed apart', async () => {
    const t = setup();
    const other = '[::1]:22';
    t.probe.down.add(HOST).add('::1:22');
    await t.gate.verify(HOST, { unreachable: true });
    await t.gate.verify(other, { unreachable: true });
    t.gate.hold(HOST);
    t.gate.hold(other);
    await t.clock.advance(2_000);
    expect(t.probe.calls.sort()).toEqual(['127.0.0.1:2222', '::1:22']);
    t.probe.down.delete('::1:22');
    await t.clock.advance(2_000);
    expect([t.gate.allowsRestart(HOST), t.gate.allowsRestart(other)]).toEqual([false, true]);
  });
});

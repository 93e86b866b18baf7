import { HostReachabilityGate } from '../reachability/host-reachability-gate';
import { OpenClusterGate } from '../ports/cluster-gate.port';
import { TunnelError } from '../ports/tunnel-launcher.port';
import { anSshService, aRestartPolicy, FakeClock, FakeHealthProber, FakeHostProbe, FakeListenerFactory, FakeRandom, FakeTunnelLauncher, InMemoryServiceLogs, RecordingLogger } from '../testing';
import { Supervisor } from './supervisor';

const HOST = '127.0.0.1:2222';
const refused = () => new TunnelError('TUNNEL.UNREACHABLE', 'ssh: connect to host 127.0.0.1 port 2222: Connection refused');

function setup() {
  const clock = new FakeClock();
  const ssh = new FakeTunnelLauncher('ssh');
  const probe = new FakeHostProbe();
  const hostGate = new HostReachabilityGate({ probe, clock, logger: new RecordingLogger() });
  const supervisor = new Supervisor({
    launchers: [ssh], listeners: new FakeListenerFactory(), prober: new FakeHealthProber(), gate: new OpenClusterGate(), hostGate, clock, random: new FakeRandom(),
    logger: new RecordingLogger(), serviceLogs: new InMemoryServiceLogs(), startTimeoutMs: 10_000,
  });
  const states = () => supervisor.snapshots().map((s) => s.state);
  return { clock, ssh, probe, hostGate, supervisor, states };
}

// Two services behind the same ssh server, a long backoff so that a leftover timer would show.
const policy = aRestartPolicy({ initialDelayMs: 8_000, backoffMultiplier: 2 });
const a = anSshService({ name: 'a', localPort: 25432, gateHost: HOST, restartPolicy: policy });
const b = anSshService({ name: 'b', localPort: 25433, gateHost: HOST, restartPolicy: policy });

describe('Supervisor with a host gate (ssh services wait for their host)', () => {
  it('sshd down: both wait (no attempts, one prober every 2 s); back: both restart at the next probe, probes stop', async () => {
    const t = setup();
    await t.supervisor.apply([a, b]);
    t.probe.down.add(HOST);
    t.ssh.launched.forEach((l) => (l.tunnel as { crash(e: TunnelError): void }).crash(refused()));
    await t.clock.advance(0);
    expect(t.states()).toEqual(['waiting-for-host', 'waiting-for-host']);
    expect(t.ssh.launched).toHaveLength(2);
    await t.clock.advance(15_000);
    expect(t.ssh.launched).toHaveLength(2); // nothing relaunched, no attempt spent
    expect(t.probe.probesOf(HOST)).toBe(7); // one prober for both services: at 2, 4, ... 14 s
    t.probe.down.clear();
    await t.clock.advance(1_000); // the probe at 16 s answers
    expect(t.states()).toEqual(['running', 'running']);
    expect(t.ssh.launched).toHaveLength(4);
    expect(t.supervisor.snapshots().map((s) => s.nextRestartAt)).toEqual([null, null]);
    await t.clock.advance(30_000);
    expect(t.probe.probesOf(HOST)).toBe(8);
  });

  it('an auth failure is not the host being down: it backs off per the policy and probes nothing', async () => {
    const t = setup();
    await t.supervisor.apply([a]);
    t.ssh.failNext(new TunnelError('TUNNEL.AUTH', 'ssh: lp@127.0.0.1: Permission denied (publickey).', true));
    t.ssh.current!.crash(new TunnelError('TUNNEL.AUTH', 'ssh: lp@127.0.0.1: Permission denied (publickey).', true));
    await t.clock.advance(0);
    expect(t.states()).toEqual(['restarting']);
    expect(t.supervisor.snapshots()[0].nextRestartAt).not.toBeNull();
    await t.clock.advance(8_000);
    expect(t.probe.calls).toEqual([]);
  });

  it('a loss without evidence probes the host once: up, so the policy decides', async () => {
    const t = setup();
    await t.supervisor.apply([a]);
    t.ssh.current!.crash();
    await t.clock.advance(0);
    expect(t.probe.probesOf(HOST)).toBe(1);
    expect(t.states()).toEqual(['running']);
  });

  it('stop while waiting for the host: probing stops', async () => {
    const t = setup();
    await t.supervisor.apply([a]);
    t.probe.down.add(HOST);
    t.ssh.current!.crash(refused());
    await t.clock.advance(4_000);
    expect(t.probe.probesOf(HOST)).toBe(2);
    await t.supervisor.stop({ names: ['a'] });
    await t.clock.advance(20_000);
    expect(t.probe.probesOf(HOST)).toBe(2);
    expect(t.clock.pending).toBe(0);
  });

  it('a reload that rebuilds a service while its host is down: it waits, then starts when the host answers', async () => {
    const t = setup();
    await t.supervisor.apply([a]);
    t.probe.down.add(HOST);
    t.ssh.current!.crash(refused());
    await t.clock.advance(0);
    await t.supervisor.apply([{ ...a, localPort: 25440 } as typeof a]);
    expect(t.states()).toEqual(['waiting-for-host']);
    expect(t.ssh.launched).toHaveLength(1);
    t.probe.down.clear();
    await t.clock.advance(2_000);
    expect(t.states()).toEqual(['running']);
  });
});

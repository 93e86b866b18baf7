import { TunnelError } from '../ports/tunnel-launcher.port';
import { ClusterGate } from '../ports/cluster-gate.port';
import {
  aKubectlService, anSshService, aRestartPolicy, aTcpCheck, FakeClock, FakeHealthProber, FakeListenerFactory, FakeRandom, FakeTunnelLauncher,
  InMemoryServiceLogs, RecordingLogger,
} from '../testing';
import { ServiceSupervisor } from './service-supervisor';
import { ServiceChange } from './service-snapshot';
import { Service } from '@localport/domain';

class ManualGate implements ClusterGate {
  open = true;
  verifications = 0;
  private listeners: ((c: string, open: boolean) => void)[] = [];
  allowsRestart(): boolean {
    return this.open;
  }
  async verify(): Promise<boolean> {
    this.verifications++;
    return this.open;
  }
  onChange(l: (c: string, open: boolean) => void) {
    this.listeners.push(l);
    return () => undefined;
  }
  set(open: boolean) {
    this.open = open;
    this.listeners.forEach((l) => l('dev', open));
  }
}

function setup(service: Service = aKubectlService()) {
  const clock = new FakeClock();
  const kubectl = new FakeTunnelLauncher('kubectl');
  const ssh = new FakeTunnelLauncher('ssh');
  const listeners = new FakeListenerFactory();
  const prober = new FakeHealthProber();
  const gate = new ManualGate();
  const changes: ServiceChange[] = [];
  const supervisor = new ServiceSupervisor(
    service,
    { launchers: [kubectl, ssh], listeners, prober, gate, clock, random: new FakeRandom([0.5]), logger: new RecordingLogger(), serviceLogs: new InMemoryServiceLogs(), startTimeoutMs: 10_000 },
    (c) => changes.push(c),
  );
  gate.onChange((_c, open) => supervisor.gateChanged(open));
  return { clock, kubectl, ssh, listeners, prober, gate, changes, supervisor, states: () => changes.filter((c) => c.previous !== c.current.state).map((c) => c.current.state) };
}

describe(ServiceSupervisor.name, () => {
  it('binds the local port, starts the tunnel and reports running and healthy', async () => {
    const t = setup();
    await t.supervisor.start();
    await t.clock.advance(0);
    expect(t.listeners.open(15432)).toBeDefined();
    expect(t.kubectl.launched).toHaveLength(1);
    expect(t.supervisor.snapshot()).toMatchObject({ state: 'running', healthy: true, restarts: 0, lastError: null });
    expect(await t.listeners.open(15432)!.connect()).toEqual(t.kubectl.current!.endpoint);
  });

  it('restarts at once when the tunnel dies, then backs off exponentially, keeping the local port', async () => {
    const t = setup(aKubectlService({ restartPolicy: aRestartPolicy({ initialDelayMs: 1_000, backoffMultiplier: 2 }) }));
    await t.supervisor.start();
    const listener = t.listeners.open(15432)!;
    t.kubectl.current!.crash();
    await t.clock.advance(0);
    expect(t.kubectl.launched).toHaveLength(2); // first retry immediate
    t.kubectl.current!.crash();
    await t.clock.advance(999);
    expect(t.kubectl.launched).toHaveLength(2);
    expect(t.supervisor.snapshot().state).toBe('restarting');
    await t.clock.advance(1);
    expect(t.kubectl.launched).toHaveLength(3);
    t.kubectl.current!.crash();
    await t.clock.advance(1_999);
    expect(t.kubectl.launched).toHaveLength(3);
    await t.clock.advance(1);
    expect(t.kubectl.launched).toHaveLength(4);
    expect(t.supervisor.snapshot()).toMatchObject({ state: 'running', restarts: 3 });
    expect(t.listeners.open(15432)).toBe(listener);
    expect(listener.closed).toBe(false);
  });

  it('holds new connections while the tunnel restarts and hands them the new endpoint', async () => {
    const t = setup(aKubectlService({ restartPolicy: aRestartPolicy({ initialDelayMs: 2_000 }) }));
    await t.supervisor.start();
    t.kubectl.current!.crash();
    await t.clock.advance(0);
    t.kubectl.current!.crash();
    await t.clock.advance(0);
    const pending = t.listeners.open(15432)!.connect();
    await t.clock.advance(2_000);
    expect(await pending).toEqual(t.kubectl.current!.endpoint);
  });

  it('refuses a waiting connection once connect_timeout passes', async () => {
    const t = setup(aKubectlService({ connectTimeoutMs: 3_000, restartPolicy: aRestartPolicy({ initialDelayMs: 60_000 }) }));
    await t.supervisor.start();
    t.kubectl.current!.crash();
    await t.clock.advance(0);
    t.kubectl.current!.crash();
    await t.clock.advance(0);
    const pending = t.listeners.open(15432)!.connect();
    await t.clock.advance(3_000);
    expect(await pending).toBeNull();
  });

  it('gives up after max_attempts failed restarts and keeps the last error', async () => {
    const t = setup(aKubectlService({ restartPolicy: aRestartPolicy({ maxAttempts: 2, initialDelayMs: 1_000 }) }));
    t.kubectl.failNext(...[1, 2, 3].map(() => new TunnelError('TUNNEL.POD_NOT_RUNNING', 'error: unable to forward port because pod is not running. Current status=Pending')));
    await t.supervisor.start();
    await t.clock.advance(10_000);
    expect(t.kubectl.launched).toHaveLength(3);
    expect(t.supervisor.snapshot().state).toBe('failed');
    expect(t.supervisor.snapshot().lastError).toMatch(/pod is not running.*gave up after 2 restart attempts/);
    expect(await t.listeners.listeners[0].connect()).toBeNull();
  });

  it('never gives up with max_attempts 0 and caps the delay at max_delay', async () => {
    const t = setup(aKubectlService({ restartPolicy: aRestartPolicy({ maxAttempts: 0, initialDelayMs: 1_000, maxDelayMs: 5_000 }) }));
    t.kubectl.failNext(...Array.from({ length: 12 }, () => new TunnelError('TUNNEL.EXITED', 'boom')));
    await t.supervisor.start();
    // delays 0, 1, 2, 4, then capped at 5 s: 47 s for 12 failures
    await t.clock.advance(46_999);
    expect(t.kubectl.launched).toHaveLength(12);
    await t.clock.advance(1);
    expect(t.kubectl.launched).toHaveLength(13);
    expect(t.supervisor.snapshot().state).toBe('running');
  });

  it('does not retry a permanent failure (bad credentials) at once', async () => {
    const t = setup(aKubectlService({ restartPolicy: aRestartPolicy({ initialDelayMs: 5_000 }) }));
    t.kubectl.failNext(new TunnelError('TUNNEL.AUTH', 'error: You must be logged in to the server (Unauthorized)', true));
    await t.supervisor.start();
    await t.clock.advance(4_999);
    expect(t.kubectl.launched).toHaveLength(1);
    expect(t.supervisor.snapshot()).toMatchObject({ state: 'restarting', lastError: expect.stringContaining('Unauthorized') });
    await t.clock.advance(1);
    expect(t.kubectl.launched).toHaveLength(2);
  });

  it('waits for a local port taken by another process, naming the owner, launches nothing, and takes the port once it is free', async () => {
    const t = setup();
    t.listeners.busy.set(15432, { pid: 4242, command: 'python3 -m http.server 15432' });
    await t.supervisor.start();
    expect(t.supervisor.snapshot()).toMatchObject({ state: 'restarting', lastError: 'waiting for port 15432 (held by pid 4242, python3 -m http.server 15432)' });
    expect(t.kubectl.launched).toHaveLength(0);
    await t.clock.advance(60 * 60_000); // max_attempts 0: still waiting an hour later
    expect(t.supervisor.snapshot().state).toBe('restarting');
    expect(t.kubectl.launched).toHaveLength(0);
    t.listeners.busy.delete(15432);
    await t.clock.advance(300_000); // at most max_delay later
    expect(t.supervisor.snapshot()).toMatchObject({ state: 'running', lastError: null, restarts: 0 });
    expect(t.listeners.open(15432)).toBeDefined();
  });

  it('fails with the owner named when the local port is taken and the restart policy gives up', async () => {
    const t = setup(aKubectlService({ restartPolicy: aRestartPolicy({ maxAttempts: 2 }) }));
    t.listeners.busy.set(15432, { pid: 4242, command: 'python3 -m http.server 15432' });
    await t.supervisor.start();
    await t.clock.advance(10_000);
    expect(t.supervisor.snapshot().state).toBe('failed');
    expect(t.supervisor.snapshot().lastError).toContain('pid 4242 (python3 -m http.server 15432)');
    expect(t.supervisor.lastErrorCode).toBe('FORWARD.PORT_IN_USE');
    expect(t.kubectl.launched).toHaveLength(0);
  });

  it('restarts after failure_threshold failed health checks, not before', async () => {
    const t = setup(aKubectlService({ healthCheck: aTcpCheck({ intervalMs: 10_000, failureThreshold: 3 }) }));
    await t.supervisor.start();
    await t.clock.advance(0);
    t.prober.setHealthy(15432, false, 'connection closed by the tunnel');
    await t.clock.advance(10_000);
    await t.clock.advance(10_000);
    expect(t.kubectl.launched).toHaveLength(1);
    t.prober.setHealthy(15432, true);
    await t.clock.advance(10_000);
    expect(t.kubectl.launched).toHaveLength(1);
    t.prober.setHealthy(15432, false, 'connection closed by the tunnel');
    await t.clock.advance(30_000);
    expect(t.kubectl.launched).toHaveLength(2);
    expect(t.kubectl.launched[0].tunnel!.stopped).toBe(true);
    expect(t.states()).toContain('unhealthy');
  });

  it('waits for the cluster instead of spending restart attempts, then restarts at once when it is back', async () => {
    const t = setup(aKubectlService({ restartPolicy: aRestartPolicy({ maxAttempts: 1, initialDelayMs: 30_000 }) }));
    await t.supervisor.start();
    t.gate.open = false;
    t.kubectl.current!.crash(new TunnelError('TUNNEL.LOST_CONNECTION', 'error: lost connection to pod'));
    await t.clock.advance(60 * 60_000);
    expect(t.supervisor.snapshot().state).toBe('waiting-for-cluster');
    expect(t.kubectl.launched).toHaveLength(1);
    t.gate.set(true);
    await t.clock.advance(0);
    expect(t.kubectl.launched).toHaveLength(2);
    expect(t.supervisor.snapshot().state).toBe('running');
  });

  it('never asks the cluster gate about ssh services', async () => {
    const t = setup(anSshService());
    await t.supervisor.start();
    t.gate.open = false;
    t.ssh.current!.crash(new TunnelError('TUNNEL.UNREACHABLE', 'ssh: connect to host bastion.example port 22: Connection refused'));
    await t.clock.advance(0);
    expect(t.gate.verifications).toBe(0);
    expect(t.ssh.launched).toHaveLength(2);
    expect(t.supervisor.snapshot().state).toBe('running');
  });

  it('forgets earlier attempts after a healthy stretch of reset_after', async () => {
    const t = setup(aKubectlService({ restartPolicy: aRestartPolicy({ initialDelayMs: 1_000, resetAfterMs: 60_000 }) }));
    await t.supervisor.start();
    for (let i = 0; i < 3; i++) {
      t.kubectl.current!.crash();
      await t.clock.advance(10_000);
    }
    await t.clock.advance(61_000);
    t.kubectl.current!.crash();
    await t.clock.advance(0);
    expect(t.kubectl.launched).toHaveLength(5); // immediate again
  });

  it('stops the tunnel and frees the local port on stop, and ignores late exits', async () => {
    const t = setup();
    await t.supervisor.start();
    const tunnel = t.kubectl.current!;
    await t.supervisor.stop();
    tunnel.crash();
    await t.clock.advance(10_000);
    expect(tunnel.stopped).toBe(true);
    expect(t.listeners.listeners[0].closed).toBe(true);
    expect(t.kubectl.launched).toHaveLength(1);
    expect(t.supervisor.snapshot().state).toBe('stopped');
  });

  it('re-arms a changed health check without touching the tunnel', async () => {
    const t = setup();
    await t.supervisor.start();
    const tunnel = t.kubectl.current!;
    t.supervisor.rearm(aKubectlService({ healthCheck: aTcpCheck({ intervalMs: 5_000 }) }));
    const before = t.prober.checksOf(15432);
    await t.clock.advance(5_000);
    expect(t.prober.checksOf(15432)).toBe(before + 1);
    expect(t.kubectl.current).toBe(tunnel);
    expect(tunnel.stopped).toBe(false);
  });

  it("aims each health check at the local port and hands the prober the service's own listener there", async () => {
    const t = setup();
    await t.supervisor.start();
    await t.clock.advance(0);
    const listener = t.listeners.open(15432);
    expect(listener).toBeDefined();
    expect(t.prober.checks.at(-1)?.target).toEqual({ host: '127.0.0.1', port: 15432, listener });
  });

  it('treats a refused dial to the current endpoint as a dead tunnel', async () => {
    const t = setup();
    await t.supervisor.start();
    const first = t.kubectl.current!;
    t.supervisor.reportDialFailure(first.endpoint, 'ECONNREFUSED');
    await t.clock.advance(0);
    expect(first.stopped).toBe(true);
    expect(t.kubectl.launched).toHaveLength(2);
  });
});

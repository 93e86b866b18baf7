import { ClusterGate, OpenClusterGate } from '../ports/cluster-gate.port';
import {
  aKubectlService, anSshService, aRestartPolicy, FakeClock, FakeHealthProber, FakeListenerFactory, FakeRandom, FakeTunnelLauncher, InMemoryServiceLogs, RecordingLogger,
} from '../testing';
import { LAUNCH_GRACE_MS } from './launch-tunnel';
import { ServiceSupervisor } from './service-supervisor';
import { Supervisor } from './supervisor';
import { SupervisorDeps } from './supervisor-deps';
import { Service } from '@localport/domain';

const E2BIG = () => Object.assign(new Error('spawn E2BIG'), { code: 'E2BIG' });

function setup(gate: ClusterGate = new OpenClusterGate()) {
  const clock = new FakeClock();
  const kubectl = new FakeTunnelLauncher('kubectl');
  const ssh = new FakeTunnelLauncher('ssh');
  const listeners = new FakeListenerFactory();
  const deps: SupervisorDeps = {
    launchers: [kubectl, ssh], listeners, prober: new FakeHealthProber(), gate, clock, random: new FakeRandom([0.5]), logger: new RecordingLogger(),
    serviceLogs: new InMemoryServiceLogs(), startTimeoutMs: 10_000,
  };
  const supervise = (service: Service) => new ServiceSupervisor(service, deps, () => undefined);
  return { clock, kubectl, ssh, listeners, deps, supervise };
}

/** Resolves with 'settled' if `p` settles within the flushes of `clock.advance(0)`, else 'pending'. */
async function within(clock: FakeClock, p: Promise<unknown>, ms = 0): Promise<'settled' | 'pending' | 'rejected'> {
  let outcome: 'settled' | 'pending' | 'rejected' = 'pending';
  p.then(() => (outcome = 'settled'), () => (outcome = 'rejected'));
  await clock.advance(ms);
  return outcome;
}

describe('ServiceSupervisor when a launch goes wrong (issue 11, defect 2)', () => {
  it('treats a launcher that throws (spawn E2BIG) as a failed launch: restarts per policy, then failed with the reason', async () => {
    const t = setup();
    t.ssh.throwNext(E2BIG(), E2BIG(), E2BIG());
    const s = t.supervise(anSshService({ restartPolicy: aRestartPolicy({ maxAttempts: 2, initialDelayMs: 1_000 }) }));
    expect(await within(t.clock, s.start())).toBe('settled');
    expect(s.snapshot()).toMatchObject({ state: 'restarting', lastError: expect.stringContaining('spawn E2BIG') });
    await t.clock.advance(10_000);
    expect(t.ssh.launched).toHaveLength(3);
    expect(s.snapshot()).toMatchObject({ state: 'failed', lastError: expect.stringMatching(/spawn E2BIG.*gave up after 2 restart attempts/) });
  });

  it('stops at once while a launch hangs, releasing the port, and the start that waited for it returns', async () => {
    const t = setup();
    t.kubectl.neverAnswerNext();
    const s = t.supervise(aKubectlService());
    const starting = s.start();
    await t.clock.advance(0);
    expect(s.snapshot().state).toBe('starting');
    expect(await within(t.clock, s.stop())).toBe('settled');
    expect(await within(t.clock, starting)).toBe('settled');
    expect(s.snapshot().state).toBe('stopped');
    expect(t.listeners.open(15432)).toBeUndefined();
  });

  it('gives up waiting for a launcher that never answers after start_timeout plus a grace period, and retries', async () => {
    const t = setup();
    t.kubectl.neverAnswerNext();
    const s = t.supervise(aKubectlService());
    const starting = s.start();
    expect(await within(t.clock, starting, t.deps.startTimeoutMs + LAUNCH_GRACE_MS - 1)).toBe('pending');
    expect(await within(t.clock, starting, 1)).toBe('settled');
    await t.clock.advance(0);
    expect(t.kubectl.launched).toHaveLength(2);
    expect(s.snapshot()).toMatchObject({ state: 'running', restarts: 1 });
  });

  it('a reload is never wedged by a launcher that throws: it returns, and the next reload applies', async () => {
    const t = setup();
    const supervisor = new Supervisor(t.deps);
    const huge = anSshService({ name: 'huge', restartPolicy: aRestartPolicy({ enabled: false }) });
    t.ssh.throwNext(E2BIG());
    expect(await within(t.clock, supervisor.apply([huge]))).toBe('settled');
    expect(supervisor.get('huge')!.snapshot()).toMatchObject({ state: 'failed', lastError: expect.stringContaining('spawn E2BIG') });
    expect(await within(t.clock, supervisor.apply([{ ...huge, localPort: 25433 as never }]))).toBe('settled');
    expect(supervisor.get('huge')!.snapshot().state).toBe('stopped');
    expect(await within(t.clock, supervisor.stop({ all: true }))).toBe('settled');
  });
});

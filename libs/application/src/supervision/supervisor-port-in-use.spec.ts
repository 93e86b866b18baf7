import { OpenClusterGate } from '../ports/cluster-gate.port';
import { aKubectlService, FakeClock, FakeHealthProber, FakeListenerFactory, FakeRandom, FakeTunnelLauncher, InMemoryServiceLogs, RecordingLogger } from '../testing';
import { Supervisor } from './supervisor';

function setup() {
  const clock = new FakeClock();
  const kubectl = new FakeTunnelLauncher('kubectl');
  const listeners = new FakeListenerFactory();
  const logger = new RecordingLogger();
  const supervisor = new Supervisor({
    launchers: [kubectl], listeners, prober: new FakeHealthProber(), gate: new OpenClusterGate(), clock, random: new FakeRandom(), logger,
    serviceLogs: new InMemoryServiceLogs(), startTimeoutMs: 10_000,
  });
  return { clock, kubectl, listeners, logger, supervisor };
}

const db = aKubectlService({ name: 'db', localPort: 15432 });

describe('Supervisor and a local port held by another process (issue 11, defect 7)', () => {
  it('a reload that moves a running service to a taken port keeps it on its old port and refuses that change, saying why', async () => {
    const t = setup();
    await t.supervisor.apply([db]);
    const tunnel = t.kubectl.current!;
    t.listeners.busy.set(15433, { pid: 77, command: 'postgres' });
    const plan = await t.supervisor.apply([{ ...db, localPort: 15433 as never }]);
    expect(plan.map((a) => a.kind)).toEqual(['keep']);
    expect(t.supervisor.refused).toEqual([{ name: 'db', code: 'FORWARD.PORT_IN_USE', message: 'db keeps 127.0.0.1:15432: 127.0.0.1:15433 is already in use by pid 77 (postgres)' }]);
    expect(t.supervisor.get('db')!.snapshot()).toMatchObject({ state: 'running' });
    expect(t.supervisor.services()[0].localPort).toBe(15432);
    expect(t.listeners.open(15432)).toBeDefined();
    expect(tunnel.stopped).toBe(false);

    t.listeners.busy.delete(15433);
    const retried = await t.supervisor.apply([{ ...db, localPort: 15433 as never }]);
    expect(retried.map((a) => a.kind)).toEqual(['restart']);
    expect(t.supervisor.refused).toEqual([]);
    expect(t.listeners.open(15433)).toBeDefined();
    expect(t.listeners.open(15432)).toBeUndefined();
    expect(t.supervisor.get('db')!.snapshot().state).toBe('running');
  });

  it('a reload moving a service that waits for its port just moves it', async () => {
    const t = setup();
    t.listeners.busy.set(15432, { pid: 77, command: 'postgres' });
    await t.supervisor.apply([db]);
    expect(t.supervisor.get('db')!.snapshot().state).toBe('restarting');
    const plan = await t.supervisor.apply([{ ...db, localPort: 15433 as never }]);
    expect(plan.map((a) => a.kind)).toEqual(['restart']);
    expect(t.supervisor.get('db')!.snapshot().state).toBe('running');
    expect(t.listeners.open(15433)).toBeDefined();
  });

  it('keeps waiting for a held port with max_attempts 0 and takes it when freed, without a reload', async () => {
    const t = setup();
    t.listeners.busy.set(15432, { pid: 77, command: 'postgres' });
    await t.supervisor.apply([db]);
    await t.clock.advance(24 * 3_600_000);
    expect(t.supervisor.get('db')!.snapshot()).toMatchObject({ state: 'restarting', lastError: 'waiting for port 15432 (held by pid 77, postgres)' });
    t.listeners.busy.delete(15432);
    await t.clock.advance(300_000);
    expect(t.supervisor.get('db')!.snapshot()).toMatchObject({ state: 'running', lastError: null });
  });
});

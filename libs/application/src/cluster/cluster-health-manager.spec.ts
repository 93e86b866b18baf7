import { DEFAULT_CLUSTER_HEALTH, LocalportConfig, Service } from '@localport/domain';
import {
  aKubectlService, anSshService, aRestartPolicy, FakeClock, FakeClusterProbe, FakeHealthProber, FakeListenerFactory, FakeRandom, FakeTunnelLauncher,
  InMemoryServiceLogs, RecordingLogger,
} from '../testing';
import { TunnelError } from '../ports/tunnel-launcher.port';
import { Supervisor } from '../supervision/supervisor';
import { ClusterHealthManager } from './cluster-health-manager';
import { WakeDetector } from './wake-detector';

const config = (services: Service[], contexts: LocalportConfig['clusterHealth']['contexts'] = {}): LocalportConfig => ({
  version: '1.0', services, clusterHealth: { defaults: { ...DEFAULT_CLUSTER_HEALTH, intervalMs: 60_000 }, contexts },
});

function setup() {
  const clock = new FakeClock();
  const probe = new FakeClusterProbe(() => clock.now());
  const logger = new RecordingLogger();
  const manager = new ClusterHealthManager({ probes: [probe], clock, logger });
  return { clock, probe, logger, manager };
}

describe(ClusterHealthManager.name, () => {
  it('runs one monitor per resolved kube context in use (a service naming no context was resolved to the current one at load)', async () => {
    const t = setup();
    await t.manager.configure(config([
      aKubectlService({ name: 'a', context: 'prod', localPort: 1001 }),
      aKubectlService({ name: 'b', context: 'prod', localPort: 1002 }),
      aKubectlService({ name: 'c', localPort: 1003, kubeContext: 'dev', connection: { technology: 'kubectl', resourceType: 'pod', resourceName: 'x', namespace: 'default' } }),
      anSshService(),
      aKubectlService({ name: 'off', context: 'staging', enabled: false, localPort: 1004 }),
    ]));
    await t.clock.advance(0);
    expect(t.manager.health().map((h) => [h.context, h.status]).sort()).toEqual([['dev', 'healthy'], ['prod', 'healthy']]);
    expect(t.manager.servicesOf('prod')).toEqual(['a', 'b']);
    expect(t.probe.checksOf('prod')).toBe(1);
    await t.clock.advance(60_000);
    expect(t.probe.checksOf('prod')).toBe(2);
  });

  it('closes the gate on the first failed check, turns unhealthy at the threshold, and polls fast until recovery', async () => {
    const t = setup();
    const opens: boolean[] = [];
    t.manager.onChange((_c, open) => opens.push(open));
    await t.manager.configure(config([aKubectlService({ context: 'prod' })], { prod: { ...DEFAULT_CLUSTER_HEALTH, intervalMs: 60_000, failureThreshold: 3 } }));
    await t.clock.advance(0);
    t.probe.down.add('prod');
    await t.clock.advance(60_000);
    expect(t.manager.allowsRestart('prod')).toBe(false);
    expect(t.manager.health('prod')[0].status).toBe('healthy');
    await t.clock.advance(4_000);
    expect(t.manager.health('prod')[0]).toMatchObject({ status: 'unhealthy', consecutiveFailures: 3, lastError: expect.stringContaining('refused') });
    t.probe.down.delete('prod');
    await t.clock.advance(2_000);
    expect(t.manager.health('prod')[0].status).toBe('healthy');
    expect(opens).toEqual([false, true]);
    const warns = t.logger.entries.filter((e) => e.message === 'cluster health changed');
    expect(warns.map((w) => w.fields.status)).toEqual(['healthy', 'unhealthy', 'healthy']); // logged once per change
  });

  it('reports warning when nodes are not ready, without closing the gate', async () => {
    const t = setup();
    t.probe.nodes = Array.from({ length: 5 }, (_, i) => ({ kind: 'Node' as const, name: `n${i}`, namespace: '', phase: 'Running' as const, ready: i !== 0, restartCount: 0 }));
    await t.manager.configure(config([aKubectlService({ context: 'prod' })]));
    await t.clock.advance(0);
    expect(t.manager.health('prod')[0].status).toBe('warning');
    expect(t.manager.allowsRestart('prod')).toBe(true);
  });

  it('leaves contexts with cluster_health disabled unmonitored and open', async () => {
    const t = setup();
    await t.manager.configure(config([aKubectlService({ context: 'prod' })], { prod: { ...DEFAULT_CLUSTER_HEALTH, enabled: false } }));
    await t.clock.advance(120_000);
    expect(t.probe.calls).toHaveLength(0);
    expect(await t.manager.verify('prod')).toBe(true);
  });

  it('stops monitors whose services went away', async () => {
    const t = setup();
    await t.manager.configure(config([aKubectlService({ context: 'prod' })]));
    await t.manager.configure(config([anSshService()]));
    await t.clock.advance(600_000);
    expect(t.probe.checksOf('prod')).toBe(1);
    expect(t.manager.health()).toEqual([]);
  });

  it('keeps kubectl services waiting without restart storms through an outage and restarts them once it ends', async () => {
    const t = setup();
    const launcher = new FakeTunnelLauncher('kubectl');
    const ssh = new FakeTunnelLauncher('ssh');
    const supervisor = new Supervisor(
      { launchers: [launcher, ssh], listeners: new FakeListenerFactory(), prober: new FakeHealthProber(), gate: t.manager, clock: t.clock, random: new FakeRandom(), logger: t.logger, serviceLogs: new InMemoryServiceLogs(), startTimeoutMs: 10_000 },
    );
    const services = [aKubectlService({ context: 'prod', restartPolicy: aRestartPolicy({ maxAttempts: 3 }) }), anSshService()];
    await t.manager.configure(config(services));
    await supervisor.apply(services);
    await t.clock.advance(0);
    t.probe.down.add('prod');
    launcher.current!.crash(new TunnelError('TUNNEL.LOST_CONNECTION', 'error: lost connection to pod'));
    ssh.current!.crash(new TunnelError('TUNNEL.LOST_CONNECTION', 'Connection to bastion closed'));
    await t.clock.advance(30 * 60_000);
    expect(supervisor.get('db')!.snapshot().state).toBe('waiting-for-cluster');
    expect(launcher.launched).toHaveLength(1);
    expect(ssh.launched).toHaveLength(2);
    t.probe.down.delete('prod');
    await t.clock.advance(2_000);
    expect(launcher.launched).toHaveLength(2);
    expect(supervisor.get('db')!.snapshot().state).toBe('running');
  });
});

describe(`${ClusterHealthManager.name} and providers`, () => {
  it('never falls back to another probe when no probe serves the configured provider', async () => {
    const t = setup();
    await t.manager.configure(config([aKubectlService({ context: 'prod' })], { prod: { ...DEFAULT_CLUSTER_HEALTH, provider: 'api' } }));
    await t.clock.advance(0);
    expect(t.probe.checksOf('prod')).toBe(0);
    expect(t.manager.health()).toEqual([]);
    expect(t.logger.entries.find((e) => e.message.startsWith('no cluster probe'))?.fields).toMatchObject({ context: 'prod', provider: 'api' });
  });
});

describe(WakeDetector.name, () => {
  it('notices wall time jumping past the timers and nothing else', async () => {
    const clock = new FakeClock();
    const wakes: number[] = [];
    new WakeDetector(clock, (ms) => wakes.push(ms)).start();
    await clock.advance(60_000);
    expect(wakes).toEqual([]);
    clock.jumpWall(3_600_000);
    await clock.advance(5_000);
    expect(wakes).toEqual([3_600_000]);
  });
});

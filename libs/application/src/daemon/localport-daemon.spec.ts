import {
  aKubectlService, anSshService, FakeClock, FakeClusterProbe, FakeHealthProber, FakeListenerFactory, FakeRandom, FakeTunnelLauncher,
  InMemoryConfigSource, InMemoryServiceLogs, RecordingLogger,
} from '../testing';
import { ClusterHealthManager } from '../cluster/cluster-health-manager';
import { Supervisor } from '../supervision/supervisor';
import { DescribeClusters } from '../use-cases/describe-clusters.use-case';
import { daemonStatusSources } from '../use-cases/daemon-status-sources';
import { GetStatus } from '../use-cases/get-status.use-case';
import { LocalportDaemon } from './localport-daemon';

function setup(services = [aKubectlService({ name: 'db', context: 'prod' }), anSshService({ name: 'jump' })]) {
  const clock = new FakeClock();
  const logger = new RecordingLogger();
  const probe = new FakeClusterProbe(() => clock.now());
  const clusters = new ClusterHealthManager({ probes: [probe], clock, logger });
  const supervisor = new Supervisor({
    launchers: [new FakeTunnelLauncher('kubectl'), new FakeTunnelLauncher('ssh')], listeners: new FakeListenerFactory(), prober: new FakeHealthProber(),
    gate: clusters, clock, random: new FakeRandom(), logger, serviceLogs: new InMemoryServiceLogs(), startTimeoutMs: 10_000,
  });
  const source = new InMemoryConfigSource(services);
  const daemon = new LocalportDaemon(source, supervisor, clusters, clock, logger, { pid: 4321, version: '0.1.0' });
  const status = () => new GetStatus(daemonStatusSources(daemon)).execute();
  return { clock, logger, probe, source, daemon, clusters, status };
}

describe(LocalportDaemon.name, () => {
  it('boots, starts services and reports the status contract', async () => {
    const t = setup();
    await t.daemon.boot(true);
    await t.clock.advance(2_500);
    const report = await t.status();
    expect(report.daemon).toMatchObject({ running: true, pid: 4321, uptimeSeconds: 2.5, version: '0.1.0', configPath: '/home/dev/localport.yaml' });
    expect(report.services).toEqual([
      expect.objectContaining({ name: 'db', technology: 'kubectl', localPort: 15432, state: 'running', healthy: true, restarts: 0, lastError: null, context: 'prod', since: expect.stringMatching(/Z$/) }),
      expect.objectContaining({ name: 'jump', technology: 'ssh', state: 'running', context: null }),
    ]);
    expect(report.clusters).toEqual([expect.objectContaining({ context: 'prod', status: 'healthy', nodes: { ready: 1, total: 1 }, services: ['db'] })]);
  });

  it('refuses an invalid reload whole, keeps the old services running and says why', async () => {
    const t = setup();
    await t.daemon.boot(true);
    t.source.fail('70000 is not a port (1-65535)');
    const outcome = await t.daemon.reload();
    expect(outcome).toMatchObject({ applied: false, error: { code: 'CONFIG.INVALID', problems: [expect.stringContaining('localport.yaml:7: services[0] "db": local_port 70000 is not a port')] } });
    expect((await t.status()).services.map((s) => s.state)).toEqual(['running', 'running']);
    expect((await t.status()).daemon.configError).toContain('70000');
    expect(t.logger.messages('error')).toContain('new configuration refused; the previous one keeps running');
    t.source.set([aKubectlService({ name: 'db', context: 'prod' })]);
    expect(await t.daemon.reload()).toMatchObject({ applied: true, actions: [{ kind: 'stop', name: 'jump' }] });
    expect((await t.status()).daemon.configError).toBeNull();
  });

  it('re-checks clusters and services at once after a wake from sleep', async () => {
    const t = setup();
    await t.daemon.boot(true);
    await t.clock.advance(10_000);
    const before = t.probe.checksOf('prod');
    t.clock.jumpWall(2 * 3600_000);
    await t.clock.advance(5_000);
    expect(t.probe.checksOf('prod')).toBe(before + 1);
    expect(t.logger.messages('info')).toContain('woke up from sleep; checking every cluster and service now');
  });

  it('names an unknown context', async () => {
    const t = setup();
    await t.daemon.boot(true);
    expect(await new DescribeClusters(t.clusters).execute({ context: 'nope', refresh: true })).toMatchObject({
      ok: false, error: { code: 'CLUSTER.UNKNOWN_CONTEXT', message: expect.stringContaining('monitored: prod'), known: ['prod'] },
    });
  });
});

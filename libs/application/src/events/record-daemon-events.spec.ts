import {
  aKubectlService, anSshService, FakeClock, FakeClusterProbe, FakeHealthProber, FakeListenerFactory, FakeRandom, FakeTunnelLauncher,
  InMemoryConfigSource, InMemoryServiceLogs, RecordingLogger,
} from '../testing';
import { ClusterHealthManager } from '../cluster/cluster-health-manager';
import { LocalportDaemon } from '../daemon/localport-daemon';
import { Supervisor } from '../supervision/supervisor';
import { DescribeClusters } from '../use-cases/describe-clusters.use-case';
import { EventJournal } from './event-journal';
import { recordDaemonEvents } from './record-daemon-events';

function setup() {
  const clock = new FakeClock();
  const logger = new RecordingLogger();
  const probe = new FakeClusterProbe(() => clock.now());
  const kubectl = new FakeTunnelLauncher('kubectl');
  const clusters = new ClusterHealthManager({ probes: [probe], clock, logger });
  const supervisor = new Supervisor({
    launchers: [kubectl, new FakeTunnelLauncher('ssh')], listeners: new FakeListenerFactory(), prober: new FakeHealthProber(),
    gate: clusters, clock, random: new FakeRandom(), logger, serviceLogs: new InMemoryServiceLogs(), startTimeoutMs: 10_000,
  });
  const source = new InMemoryConfigSource([aKubectlService({ name: 'db', context: 'prod' }), anSshService({ name: 'jump' })]);
  const daemon = new LocalportDaemon(source, supervisor, clusters, clock, logger, { pid: 1, version: '0.1.0' });
  const journal = new EventJournal(clock, 50);
  recordDaemonEvents(journal, { supervisor, clusters, reloads: daemon });
  return { clock, probe, kubectl, source, daemon, journal, clusters };
}

const lines = (j: EventJournal) => j.recent().map((e) => `${e.kind} ${e.subject}: ${e.message}`);

describe(recordDaemonEvents.name, () => {
  it('records state changes and the boot reload, in order, numbered and stamped', async () => {
    const t = setup();
    await t.daemon.boot(true);
    await t.clock.advance(1_000);
    const events = t.journal.recent();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(lines(t.journal)).toEqual(expect.arrayContaining(['service.state db: stopped -> starting', 'service.state db: starting -> running', 'service.state jump: starting -> running']));
    expect(lines(t.journal)).toContainEqual(expect.stringMatching(/^daemon\.reload daemon: configuration applied: start db, start jump/));
    expect(events.every((e) => e.at === t.clock.now() || e.at <= t.clock.now())).toBe(true);
  });

  it('records a restart with its reason', async () => {
    const t = setup();
    await t.daemon.boot(true);
    await t.clock.advance(1_000);
    t.kubectl.current?.crash();
    await t.clock.advance(5_000);
    const restart = t.journal.recent().find((e) => e.kind === 'service.restart');
    expect(restart).toMatchObject({ subject: 'db', data: { from: 'running', reason: expect.stringContaining('lost connection to pod') } });
    expect(restart?.message).toBe(`running -> restarting: ${String(restart?.data['reason'])}`);
  });

  it('records a cluster going down and a refused reload', async () => {
    const t = setup();
    await t.daemon.boot(true);
    await t.clock.advance(1_000);
    t.probe.down.add('prod');
    for (let i = 0; i < 5; i++) await new DescribeClusters(t.clusters).execute({ context: 'prod', refresh: true });
    t.source.fail('70000 is not a port (1-65535)');
    await t.daemon.reload();
    expect(lines(t.journal)).toContainEqual(expect.stringMatching(/^cluster\.status prod: healthy -> (unhealthy|warning)/));
    expect(lines(t.journal)).toContainEqual(expect.stringMatching(/^daemon\.reload daemon: configuration refused: /));
  });
});

describe(EventJournal.name, () => {
  it('keeps only the last `capacity` events and streams new ones to listeners', () => {
    const clock = new FakeClock();
    const journal = new EventJournal(clock, 3);
    const seen: number[] = [];
    const stop = journal.onEvent((e) => seen.push(e.seq));
    for (let i = 0; i < 5; i++) journal.record({ kind: 'service.state', subject: 's', message: String(i), data: {} });
    stop();
    journal.record({ kind: 'service.state', subject: 's', message: 'late', data: {} });
    expect(journal.recent().map((e) => e.seq)).toEqual([4, 5, 6]);
    expect(journal.recent(2).map((e) => e.message)).toEqual(['4', 'late']);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });
});

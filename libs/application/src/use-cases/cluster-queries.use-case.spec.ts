import { ClusterEvent } from '@localport/domain';
import { ClusterHealthManager } from '../cluster/cluster-health-manager';
import { aKubectlService, FakeClock, FakeClusterProbe, InMemoryConfigSource, RecordingLogger } from '../testing';
import { DescribeClusters } from './describe-clusters.use-case';
import { ListClusterEvents } from './list-cluster-events.use-case';
import { ListClusterResources } from './list-cluster-resources.use-case';

const event = (context: string, reason: string, lastSeen: number): ClusterEvent => ({
  context, namespace: 'default', type: 'Warning', reason, message: `${reason} happened`, object: { kind: 'Pod', name: 'api-1' }, count: 1, lastSeen,
});

async function setup() {
  const clock = new FakeClock();
  const probe = new FakeClusterProbe(() => clock.now());
  const clusters = new ClusterHealthManager({ probes: [probe], clock, logger: new RecordingLogger() });
  await clusters.configure(InMemoryConfigSource.config([aKubectlService({ name: 'db', context: 'prod' }), aKubectlService({ name: 'api', localPort: 18080, context: 'dev' })]));
  return { clock, probe, clusters };
}

describe('cluster use cases', () => {
  it('DescribeClusters checks now when asked to refresh and names an unknown context with the monitored ones', async () => {
    const t = await setup();
    await t.clock.advance(0);
    const before = t.probe.checksOf('prod');
    const views = await new DescribeClusters(t.clusters).execute({ context: 'prod', refresh: true });
    expect(views).toMatchObject({ ok: true, value: [{ context: 'prod', status: 'healthy', services: ['db'], provider: 'kubectl' }] });
    expect(t.probe.checksOf('prod')).toBe(before + 1);
    expect(await new DescribeClusters(t.clusters).execute({ context: 'staging', refresh: false })).toMatchObject({
      ok: false, error: { code: 'CLUSTER.UNKNOWN_CONTEXT', context: 'staging', known: ['prod', 'dev'], message: 'context "staging" is not monitored (monitored: prod, dev)' },
    });
    t.clusters.stop();
  });

  it('ListClusterEvents fetches events now, keeps those within the window, newest first, at most limit', async () => {
    const t = await setup();
    const now = t.clock.now();
    t.probe.events = [event('prod', 'Old', now - 7200_000), event('prod', 'Recent', now - 60_000), event('prod', 'Newest', now - 1_000), event('prod', 'Middle', now - 30_000)];
    await t.clock.advance(0);
    const listed = await new ListClusterEvents(t.clusters, t.clock).execute({ context: 'prod', sinceSeconds: 3600, limit: 2 });
    expect(listed.ok && listed.value.events.map((e) => e.reason)).toEqual(['Newest', 'Middle']);
    expect(listed.ok && listed.value.eventsOff).toEqual([]);
    expect(t.probe.calls.filter((c) => c.context === 'prod').at(-1)).toEqual({ context: 'prod', includeEvents: true });
    t.clusters.stop();
  });

  it('ListClusterEvents names the contexts whose config turns events off, and does not fetch there (issue 11, defect 10)', async () => {
    const t = await setup();
    const config = InMemoryConfigSource.config([aKubectlService({ name: 'db', context: 'prod' }), aKubectlService({ name: 'api', localPort: 18080, context: 'dev' })]);
    const off = { ...config.clusterHealth.defaults, commands: { ...config.clusterHealth.defaults.commands, eventsOnFailure: false } };
    await t.clusters.configure({ ...config, clusterHealth: { ...config.clusterHealth, contexts: { dev: off } } });
    t.probe.events = [event('prod', 'Recent', t.clock.now() - 1_000)];
    await t.clock.advance(0);
    const calls = t.probe.calls.length;
    const dev = await new ListClusterEvents(t.clusters, t.clock).execute({ context: 'dev', sinceSeconds: 3600, limit: 20 });
    expect(dev).toEqual({ ok: true, value: { events: [], eventsOff: ['dev'] } });
    expect(t.probe.calls.length).toBe(calls);
    const all = await new ListClusterEvents(t.clusters, t.clock).execute({ sinceSeconds: 3600, limit: 20 });
    expect(all.ok && [all.value.events.map((e) => e.reason), all.value.eventsOff]).toEqual([['Recent'], ['dev']]);
    t.clusters.stop();
  });

  it('ListClusterResources lists pods or nodes of every context with the context they came from', async () => {
    const t = await setup();
    await t.clock.advance(0);
    const nodes = await new ListClusterResources(t.clusters).execute({ kind: 'nodes' });
    expect(nodes.ok && nodes.value.map((n) => [n.context, n.name])).toEqual([['prod', 'node-1'], ['dev', 'node-1']]);
    expect(await new ListClusterResources(t.clusters).execute({ kind: 'pods', context: 'nope' })).toMatchObject({ ok: false, error: { code: 'CLUSTER.UNKNOWN_CONTEXT' } });
    t.clusters.stop();
  });
});

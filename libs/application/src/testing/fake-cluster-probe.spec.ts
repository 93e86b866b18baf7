import { DEFAULT_CLUSTER_HEALTH } from '@localport/domain';
import { describeClusterProbeContract } from './contracts/cluster-probe.contract';
import { FakeClusterProbe } from './fake-cluster-probe';

describeClusterProbeContract('FakeClusterProbe', async () => {
  const now = Date.UTC(2026, 0, 1);
  const probe = new FakeClusterProbe(() => now);
  probe.contexts = new Set(['fake', 'hung']);
  probe.hung.add('hung');
  return {
    probe, now, context: 'fake', hungContext: 'hung',
    settings: () => DEFAULT_CLUSTER_HEALTH,
    addWarning: (reason, lastSeen) =>
      probe.events.push({ context: 'fake', namespace: 'default', type: 'Warning', reason, message: reason, object: { kind: 'Pod', name: 'web-0' }, count: 1, lastSeen }),
    refusedError: () => 'The connection to the server 127.0.0.1:6443 was refused',
    unknownContextError: (context) => `context "${context}" does not exist`,
    stopServer: async () => void probe.down.add('fake'),
    startServer: async () => void probe.down.delete('fake'),
    checkUnderWay: async () => undefined,
    close: async () => undefined,
  };
});

import { LocalportDaemon } from '../daemon/localport-daemon';
import { clusterView } from './status-views';
import { StatusSources } from './status-sources';

/** The running daemon's state, read from memory: supervisors, listeners and cluster monitors. */
export function daemonStatusSources(daemon: LocalportDaemon): StatusSources {
  const { supervisor, clusters } = daemon;
  return {
    daemon: () => daemon.daemonStatus(),
    services: () =>
      supervisor.services().map((service) => {
        const s = supervisor.get(service.name)!;
        return { service, snapshot: s.snapshot(), stats: s.stats() };
      }),
    clusters: () => clusters.health().map((h) => clusterView(clusters, h)),
  };
}

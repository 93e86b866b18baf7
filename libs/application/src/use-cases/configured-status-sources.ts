import { Service } from '@localport/domain';
import { Clock } from '../ports/clock.port';
import { StatusSources } from './status-sources';

/**
 * The status sources when no daemon runs: the configured services, every one `stopped` since
 * now, no cluster monitored.
 */
export function configuredStatusSources(services: readonly Service[], clock: Clock): StatusSources {
  const since = clock.now();
  return {
    daemon: () => ({ running: false }),
    services: () =>
      services.map((service) => ({
        service,
        snapshot: { name: service.name, state: 'stopped', since, healthy: false, restarts: 0, lastError: null, lastErrorCode: null, pid: null, nextRestartAt: null },
        stats: null,
      })),
    clusters: () => [],
  };
}

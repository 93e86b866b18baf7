import { ClusterEvent, ok, Result } from '@localport/domain';
import { ClusterHealthManager } from '../cluster/cluster-health-manager';
import { Clock } from '../ports/clock.port';
import { monitorsOf, UnknownContextError } from './monitored-contexts';

/** What `cluster events` asks for: one context or all, events seen in the last `sinceSeconds`, at most `limit`. */
export interface ClusterEventsQuery {
  readonly context?: string;
  readonly sinceSeconds: number;
  readonly limit: number;
}

/** `cluster events`: recent events of the monitored contexts, fetched now, newest first. */
export class ListClusterEvents {
  constructor(
    private readonly clusters: ClusterHealthManager,
    private readonly clock: Clock,
  ) {}

  async execute(query: ClusterEventsQuery): Promise<Result<ClusterEvent[], UnknownContextError>> {
    const monitors = monitorsOf(this.clusters, query.context);
    if (!monitors.ok) return monitors;
    await Promise.all(monitors.value.map((m) => m.check(true)));
    const cutoff = this.clock.now() - query.sinceSeconds * 1000;
    return ok(
      monitors.value
        .flatMap((m) => m.observation?.events ?? [])
        .filter((e) => e.lastSeen >= cutoff)
        .sort((a, b) => b.lastSeen - a.lastSeen)
        .slice(0, query.limit),
    );
  }
}

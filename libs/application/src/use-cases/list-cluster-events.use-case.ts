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

/** The events found, newest first, and the asked-for contexts whose config turns events off (so none are fetched). */
export interface ClusterEventList {
  readonly events: ClusterEvent[];
  /** Contexts with `cluster_health.commands.events_on_failure: false`: "no events" there means "not looked". */
  readonly eventsOff: string[];
}

/** `cluster events`: recent events of the monitored contexts, fetched now, newest first. */
export class ListClusterEvents {
  constructor(
    private readonly clusters: ClusterHealthManager,
    private readonly clock: Clock,
  ) {}

  async execute(query: ClusterEventsQuery): Promise<Result<ClusterEventList, UnknownContextError>> {
    const monitors = monitorsOf(this.clusters, query.context);
    if (!monitors.ok) return monitors;
    const on = monitors.value.filter((m) => m.eventsEnabled);
    await Promise.all(on.map((m) => m.check(true)));
    const cutoff = this.clock.now() - query.sinceSeconds * 1000;
    return ok({
      events: on
        .flatMap((m) => m.observation?.events ?? [])
        .filter((e) => e.lastSeen >= cutoff)
        .sort((a, b) => b.lastSeen - a.lastSeen)
        .slice(0, query.limit),
      eventsOff: monitors.value.filter((m) => !m.eventsEnabled).map((m) => m.context),
    });
  }
}

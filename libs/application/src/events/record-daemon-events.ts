import { ClusterHealth } from '@localport/domain';
import { ServiceChange } from '../supervision/service-snapshot';
import { clusterChangeEvent, ReloadSummary, reloadEvent, serviceChangeEvents } from './daemon-event';
import { EventJournal } from './event-journal';

/** The change callbacks the journal listens to (the supervisor, the cluster manager, the daemon's reloads). */
export interface DaemonEventSources {
  readonly supervisor: { onChange(listener: (change: ServiceChange) => void): () => void };
  readonly clusters: { onHealthChange(listener: (health: ClusterHealth, previous: ClusterHealth) => void): () => void };
  readonly reloads: { onReload(listener: (outcome: ReloadSummary) => void): () => void };
}

/** Feeds every service, cluster and reload change into `journal`; returns a function that stops it. */
export function recordDaemonEvents(journal: EventJournal, sources: DaemonEventSources): () => void {
  const healthy = new Map<string, boolean>();
  const stops = [
    sources.supervisor.onChange((change) => {
      const name = change.current.name;
      for (const draft of serviceChangeEvents(change, healthy.get(name))) journal.record(draft);
      healthy.set(name, change.current.healthy);
    }),
    sources.clusters.onHealthChange((health, previous) => {
      if (health.status !== previous.status) journal.record(clusterChangeEvent(health, previous));
    }),
    sources.reloads.onReload((outcome) => journal.record(reloadEvent(outcome))),
  ];
  return () => stops.forEach((stop) => stop());
}

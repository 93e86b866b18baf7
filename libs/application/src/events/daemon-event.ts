import { ClusterHealth } from '@localport/domain';
import { ServiceChange } from '../supervision/service-snapshot';

/** What a daemon event is about. The strings are part of the `events -o json` contract. */
export const DAEMON_EVENT_KINDS = ['service.state', 'service.health', 'service.restart', 'cluster.status', 'daemon.reload'] as const;
export type DaemonEventKind = (typeof DAEMON_EVENT_KINDS)[number];

/** One thing that happened in the daemon, in the order it happened. `at` is epoch milliseconds. */
export interface DaemonEvent {
  /** Increases by one per event over the daemon's life; lets a client join the recent list and the stream. */
  readonly seq: number;
  readonly at: number;
  readonly kind: DaemonEventKind;
  /** The service name, the kubectl context, or `daemon`. */
  readonly subject: string;
  /** One line for people, e.g. `running -> restarting: upstream exited (code 1)`. */
  readonly message: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** An event before the journal gives it a number and a time. */
export type DaemonEventDraft = Omit<DaemonEvent, 'seq' | 'at'>;

/**
 * The events one service change means: a restart (with its reason), another state change, and/or a
 * health flip. `wasHealthy` is the health last seen for the service (undefined: first sighting).
 */
export function serviceChangeEvents(change: ServiceChange, wasHealthy: boolean | undefined): DaemonEventDraft[] {
  const s = change.current;
  const drafts: DaemonEventDraft[] = [];
  if (change.previous !== s.state) {
    const reason = s.lastError;
    if (s.state === 'restarting') {
      drafts.push({
        kind: 'service.restart', subject: s.name, message: `${change.previous} -> restarting${reason ? `: ${reason}` : ''}`,
        data: { from: change.previous, to: s.state, reason, restarts: s.restarts, nextRestartAt: s.nextRestartAt },
      });
    } else {
      const why = reason && ['failed', 'unhealthy', 'waiting-for-cluster', 'waiting-for-host'].includes(s.state) ? `: ${reason}` : '';
      drafts.push({ kind: 'service.state', subject: s.name, message: `${change.previous} -> ${s.state}${why}`, data: { from: change.previous, to: s.state, lastError: reason, restarts: s.restarts, pid: s.pid } });
    }
  }
  if (wasHealthy !== undefined && wasHealthy !== s.healthy) {
    const message = s.healthy ? 'healthy' : `not healthy${s.lastError ? `: ${s.lastError}` : ''}`;
    drafts.push({ kind: 'service.health', subject: s.name, message, data: { healthy: s.healthy, state: s.state, lastError: s.lastError } });
  }
  return drafts;
}

/** A kubectl context's status changed. */
export function clusterChangeEvent(health: ClusterHealth, previous: ClusterHealth): DaemonEventDraft {
  const why = health.lastError && health.status !== 'healthy' ? `: ${health.lastError}` : '';
  return {
    kind: 'cluster.status', subject: health.context, message: `${previous.status} -> ${health.status}${why}`,
    data: { from: previous.status, to: health.status, lastError: health.lastError, consecutiveFailures: health.consecutiveFailures },
  };
}

/** What a reload did, or why it was refused. */
export interface ReloadSummary {
  readonly applied: boolean;
  readonly actions: readonly { readonly kind: string; readonly name: string }[];
  readonly error?: { readonly code: string; readonly message: string; readonly problems?: readonly string[] };
}

/** A configuration reload: applied (with its actions) or refused (the old config keeps running). */
export function reloadEvent(outcome: ReloadSummary): DaemonEventDraft {
  const actions = outcome.actions.map((a) => `${a.kind} ${a.name}`);
  const message = outcome.applied
    ? `configuration applied${actions.length ? `: ${actions.join(', ')}` : ' (no changes)'}`
    : `configuration refused: ${outcome.error?.message ?? 'invalid'}`;
  return { kind: 'daemon.reload', subject: 'daemon', message, data: { applied: outcome.applied, actions: outcome.actions, error: outcome.error ?? null } };
}

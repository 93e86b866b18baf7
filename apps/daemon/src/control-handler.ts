import {
  DescribeClusters, DescribeDaemon, GetStatus, ListClusterEvents, ListClusterResources, ReloadConfig, RestartServices, EventJournal, Selection, SelectionError, ServiceOutcome, StartServices, StopServices,
} from '@localport/application';
import { LocalportError, Result } from '@localport/domain';
import { ControlError, ControlHandler, routeControl, toWireEvent } from '@localport/infrastructure';

/** The application's use cases the control socket serves (resolved from the daemon's container). */
export interface DaemonUseCases {
  readonly describeDaemon: DescribeDaemon;
  readonly getStatus: GetStatus;
  readonly startServices: StartServices;
  readonly stopServices: StopServices;
  readonly restartServices: RestartServices;
  readonly reloadConfig: ReloadConfig;
  readonly describeClusters: DescribeClusters;
  readonly listClusterEvents: ListClusterEvents;
  readonly listClusterResources: ListClusterResources;
}

/** An expected failure becomes an error reply with its code. */
function value<T, E extends LocalportError & { details?: unknown }>(r: Result<T, E>): T {
  if (!r.ok) throw new ControlError(r.error.code, r.error.message, r.error.details);
  return r.value;
}

const results = (r: Result<ServiceOutcome[], SelectionError>) => ({
  results: value(r).map((o) => ({ name: o.name, ok: o.ok, state: o.state, ...(o.error !== undefined && { error: { code: o.code ?? 'SERVICE.FAILED', message: o.error } }) })),
});

/** What the daemon process itself does for a request (not a use case). */
export interface DaemonHooks {
  /** Begins a clean shutdown. */
  readonly shutdown: () => void;
  /** Writes out every buffered service-log line. */
  readonly flushLogs: () => Promise<void>;
}

/**
 * Maps control-socket requests onto the application's use cases. Thin on purpose: parameters were
 * validated by the control protocol's schemas before they get here.
 */
export function createControlHandler(uc: DaemonUseCases, info: { pid: number; version: string }, hooks: DaemonHooks, journal?: EventJournal): ControlHandler {
  return routeControl({
    ping: async () => ({ pid: info.pid, version: info.version, uptimeSeconds: uc.describeDaemon.execute().uptimeSeconds ?? 0 }),
    status: async (p) => uc.getStatus.execute(p.names),
    start: async (p) => results(await uc.startServices.execute(p as Selection)),
    stop: async (p) => results(await uc.stopServices.execute(p as Selection)),
    restart: async (p) => results(await uc.restartServices.execute(p.names?.length ? { names: p.names } : { all: true })),
    reload: async () => {
      const outcome = await uc.reloadConfig.execute();
      return { applied: outcome.applied, actions: outcome.actions, ...(outcome.error && { error: outcome.error }), ...(outcome.refused && { refused: outcome.refused }) };
    },
    shutdown: async () => {
      setImmediate(hooks.shutdown);
      return {};
    },
    'logs.flush': async () => {
      await hooks.flushLogs();
      return {};
    },
    subscribe: async () => ({}),
    events: async (p) => ({ events: (journal?.recent(p.limit) ?? []).map(toWireEvent) }),
    'cluster.status': async (p) => ({ clusters: value(await uc.describeClusters.execute({ context: p.context, refresh: true })) }),
    'cluster.events': async (p) => value(await uc.listClusterEvents.execute({ context: p.context, sinceSeconds: p.sinceSeconds ?? 3600, limit: p.limit ?? 20 })),
    'cluster.pods': async (p) => ({ pods: value(await uc.listClusterResources.execute({ context: p.context, kind: 'pods' })) }),
    'cluster.nodes': async (p) => ({ nodes: value(await uc.listClusterResources.execute({ context: p.context, kind: 'nodes' })) }),
  });
}

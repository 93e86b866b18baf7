import { EventJournal, LocalportDaemon, Selection, SelectionError, ServiceOutcome } from '@localport/application';
import { Result } from '@localport/domain';
import { ControlError, ControlHandler, routeControl, toWireEvent } from '@localport/infrastructure';

function results(r: Result<ServiceOutcome[], SelectionError>) {
  if (!r.ok) throw new ControlError(r.error.code, r.error.message, r.error.details);
  return { results: r.value.map((o) => ({ name: o.name, ok: o.ok, state: o.state, ...(o.error !== undefined && { error: { code: 'SERVICE.FAILED', message: o.error } }) })) };
}

/**
 * Maps control-socket requests onto the daemon's core. Thin on purpose: parameters were validated
 * by the control protocol's schemas before they get here.
 */
export function createControlHandler(daemon: LocalportDaemon, info: { pid: number; version: string }, shutdown: () => void, journal?: EventJournal): ControlHandler {
  return routeControl({
    ping: async () => ({ pid: info.pid, version: info.version, uptimeSeconds: daemon.daemonStatus().uptimeSeconds ?? 0 }),
    status: async (p) => daemon.status(p.names),
    start: async (p) => results(await daemon.supervisor.start(p as Selection)),
    stop: async (p) => results(await daemon.supervisor.stop(p as Selection)),
    restart: async (p) => results(await daemon.supervisor.restart(p.names?.length ? { names: p.names } : { all: true })),
    reload: async () => {
      const outcome = await daemon.reload();
      return { applied: outcome.applied, actions: outcome.actions, ...(outcome.error && { error: outcome.error }) };
    },
    shutdown: async () => {
      setImmediate(shutdown);
      return {};
    },
    subscribe: async () => ({}),
    events: async (p) => ({ events: (journal?.recent(p.limit) ?? []).map(toWireEvent) }),
    'cluster.status': async (p) => ({ clusters: await daemon.clusterStatus(p.context, true) }),
    'cluster.events': async (p) => ({ events: await daemon.clusterEvents(p.context, p.sinceSeconds ?? 3600, p.limit ?? 20) }),
    'cluster.pods': async (p) => ({ pods: (await daemon.clusterResources(p.context, 'pods')).flatMap((c) => c.items.map((i) => ({ ...i, context: c.context }))) }),
    'cluster.nodes': async (p) => ({ nodes: (await daemon.clusterResources(p.context, 'nodes')).flatMap((c) => c.items.map((i) => ({ ...i, context: c.context }))) }),
  });
}

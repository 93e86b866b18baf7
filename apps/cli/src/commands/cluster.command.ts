import { Command } from 'commander';
import { ClusterHealthManager, ClusterStatusView, DescribeClusters, ListClusterEvents, ListClusterResources, UnknownContextError } from '@localport/application';
import { ClusterEvent, eventObjectName, ResourceStatus, Result } from '@localport/domain';
import { CliContext, expectOk } from '../cli-context';
import { CliError, EXIT } from '../cli-error';
import { buildCliContainer } from '../container';
import { renderClusters } from '../render/status.render';
import { renderTable } from '../render/table';

interface ClusterOptions {
  context?: string;
  since: string;
  limit: string;
}

interface ClusterData {
  clusters: ClusterStatusView[];
  events: ClusterEvent[];
  /** Contexts whose config turns events off. */
  eventsOff: string[];
  pods: (ResourceStatus & { context: string })[];
  nodes: (ResourceStatus & { context: string })[];
}

/** `1h`, `30m`, `45s`, `2d` -> seconds. */
export function parseAge(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([smhd])$/.exec(text.trim());
  if (!m) throw new CliError(`--since ${text} is not an age like 30m, 1h or 2d`, EXIT.usage, 'CLI.USAGE');
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's' | 'm' | 'h' | 'd'];
}

type Subcommand = 'status' | 'events' | 'pods' | 'nodes';

/** With no daemon, the CLI checks the config's contexts itself, through the same use cases the daemon serves. */
async function offline(ctx: CliContext, sub: Subcommand, context: string | undefined, sinceSeconds: number, limit: number): Promise<Partial<ClusterData>> {
  const { config } = await ctx.loadConfig();
  const c = buildCliContainer(ctx.env);
  const manager = c.get(ClusterHealthManager);
  await manager.configure(config);
  try {
    const q = { context };
    if (sub === 'status') return { clusters: known(await c.get(DescribeClusters).execute({ ...q, refresh: true }), context) };
    if (sub === 'events') return known(await c.get(ListClusterEvents).execute({ ...q, sinceSeconds, limit }), context);
    return { [sub]: known(await c.get(ListClusterResources).execute({ ...q, kind: sub }), context) };
  } finally {
    manager.stop();
  }
}

/** Unwraps a cluster query; an unknown context is named with the contexts the config uses. */
function known<T>(r: Result<T, UnknownContextError>, context: string | undefined): T {
  if (r.ok) return r.value;
  throw new CliError(`context "${context}" is not used by any enabled kubectl service (in use: ${r.error.known.join(', ') || 'none'})`, EXIT.failed, r.error.code);
}

/** `localport cluster status|events|pods|nodes [--context C]` */
export default async function cluster(program: Command, cmd: Command): Promise<number> {
  const ctx = new CliContext(program);
  const o = cmd.opts<ClusterOptions>();
  const sub = cmd.name() as Subcommand;
  const sinceSeconds = sub === 'events' ? parseAge(o.since) : 3600;
  const limit = Number(o.limit ?? 20);
  if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit ${o.limit} is not a positive whole number`, EXIT.usage, 'CLI.USAGE');
  const client = await ctx.connect();
  let data: Partial<ClusterData>;
  if (client) {
    try {
      const p = { context: o.context };
      if (sub === 'status') data = { clusters: [...expectOk(await client.request('cluster.status', p, { timeoutMs: 120_000 })).clusters] };
      else if (sub === 'events') {
        const r = expectOk(await client.request('cluster.events', { ...p, sinceSeconds, limit }, { timeoutMs: 120_000 }));
        data = { events: [...r.events], eventsOff: [...(r.eventsOff ?? [])] };
      }
      else if (sub === 'pods') data = { pods: [...expectOk(await client.request('cluster.pods', p, { timeoutMs: 120_000 })).pods] as ClusterData['pods'] };
      else data = { nodes: [...expectOk(await client.request('cluster.nodes', p, { timeoutMs: 120_000 })).nodes] as ClusterData['nodes'] };
    } finally {
      client.close();
    }
  } else {
    data = await offline(ctx, sub, o.context, sinceSeconds, limit);
  }
  const s = ctx.style;
  switch (sub) {
    case 'status': {
      const clusters = data.clusters ?? [];
      ctx.print({ clusters }, () => (clusters.length ? renderClusters(clusters, s) : 'no kubectl contexts are monitored (no enabled kubectl service, or cluster_health disabled)'));
      return clusters.some((c) => c.status === 'unhealthy') ? EXIT.failed : EXIT.ok;
    }
    case 'events': {
      const events = data.events ?? [];
      const off = data.eventsOff ?? [];
      // "No events" would be untrue where none were looked for: say that events are off there.
      const offNote = off.map((c) => `events are turned off for context ${c} (cluster_health.commands.events_on_failure: false)`);
      const looked = o.context === undefined || !off.includes(o.context);
      ctx.print({ events, eventsOff: off }, () =>
        [
          ...(events.length
            ? [renderTable(['CONTEXT', 'TIME', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], events.map((e) => [e.context, new Date(e.lastSeen).toISOString(), e.type === 'Warning' ? s.yellow(e.type) : e.type, e.reason, eventObjectName(e), e.message.slice(0, 80)]))]
            : looked ? [`no events in the last ${o.since}`] : []),
          ...offNote,
        ].join('\n'),
      );
      return EXIT.ok;
    }
    case 'pods': {
      const pods = data.pods ?? [];
      ctx.print({ pods }, () => renderTable(['CONTEXT', 'NAMESPACE', 'POD', 'PHASE', 'READY', 'RESTARTS', 'NODE'], pods.map((p) => [p.context, p.namespace, p.name, p.phase, p.ready ? 'yes' : s.red('no'), String(p.restartCount), p.nodeName ?? '-'])));
      return EXIT.ok;
    }
    case 'nodes': {
      const nodes = data.nodes ?? [];
      ctx.print({ nodes }, () => renderTable(['CONTEXT', 'NODE', 'READY'], nodes.map((n) => [n.context, n.name, n.ready ? s.green('Ready') : s.red('NotReady')])));
      return EXIT.ok;
    }
  }
}

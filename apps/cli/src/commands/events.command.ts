import { Command } from 'commander';
import type { WireDaemonEvent } from '@localport/infrastructure';
import { CliContext, expectOk } from '../cli-context';
import { CliError, EXIT } from '../cli-error';
import { renderEventLine } from '../render/event-line';

/** Every event kind the daemon pushes: `service.*`, `cluster.*` and `daemon.*`. */
const STREAMS = ['service.*', 'cluster.*', 'daemon.*'];

/** `localport events [-f] [-n N]`: the daemon's recent events, then (with -f) new ones as they happen. */
export default async function events(program: Command, cmd: Command): Promise<number> {
  const ctx = new CliContext(program);
  const o = cmd.opts<{ follow?: boolean; lines: string }>();
  const limit = Number(o.lines);
  if (!Number.isInteger(limit) || limit < 0) throw new CliError(`--lines ${o.lines} is not a whole number`, EXIT.usage, 'CLI.USAGE');
  const client = await ctx.requireDaemon();
  // One line per event, NDJSON with -o json: both stream, so neither waits for the end.
  const show = (e: WireDaemonEvent) => process.stdout.write(`${ctx.json ? JSON.stringify(e) : renderEventLine(e, ctx.style)}\n`);
  let lastSeq = 0;
  const once = (e: WireDaemonEvent) => {
    if (e.seq <= lastSeq) return;
    lastSeq = e.seq;
    show(e);
  };
  const early: WireDaemonEvent[] = [];
  let live = false;
  try {
    if (o.follow) {
      // Subscribe before asking for the recent ones, then join the two on `seq`: no gap, no repeat.
      expectOk(await client.subscribe(STREAMS, ({ data }) => {
        const e = data as unknown as WireDaemonEvent;
        if (live) once(e);
        else early.push(e);
      }));
    }
    const recent = expectOk(await client.request('events', limit > 0 ? { limit } : {})).events;
    [...recent, ...early].sort((a, b) => a.seq - b.seq).forEach(once);
    live = true;
    if (!o.follow) return EXIT.ok;
    await client.closed;
    ctx.note('the daemon stopped; no more events');
    return EXIT.ok;
  } finally {
    client.close();
  }
}

import { Command } from 'commander';
import { configuredStatusSources, GetStatus, TOKENS } from '@localport/application';
import type { StatusReport } from '@localport/application';
import { findDeadDaemon, type DeadDaemon } from '@localport/infrastructure';
import { CliContext, expectOk } from '../cli-context';
import { CliError, EXIT } from '../cli-error';
import { buildCliContainer } from '../container';
import { renderDeadDaemon } from '../render/dead-daemon.render';
import { renderStatus } from '../render/status.render';
import { watchIntervalMs } from './watch-interval';

/** The status document when no daemon runs: the daemon's own `GetStatus` over the config, every service `stopped`. */
async function offlineReport(ctx: CliContext, names: readonly string[]): Promise<StatusReport> {
  const { config } = await ctx.loadConfig('keep'); // names, ports and targets; no secret is used
  const c = buildCliContainer(ctx.env);
  return new GetStatus(configuredStatusSources(config.services, c.get(TOKENS.clock))).execute(names);
}

/** What `status` shows: the daemon's report (or the config's when none runs), and a daemon that died, if one did. */
interface Shown {
  readonly report: StatusReport;
  readonly died: DeadDaemon | null;
}

async function report(ctx: CliContext, names: string[]): Promise<Shown> {
  const client = await ctx.connect();
  if (!client) return { report: await offlineReport(ctx, names), died: await findDeadDaemon(ctx.paths) };
  try {
    return { report: expectOk(await client.request('status', { names: names.length ? names : undefined }, { timeoutMs: 10_000 })), died: null };
  } finally {
    client.close();
  }
}

/** `localport status [NAMES...] [-w] [-i S]`: exits 1 when the daemon died without shutting down. */
export default async function status(program: Command, cmd: Command, [names]: unknown[]): Promise<number> {
  const ctx = new CliContext(program);
  const selected = names as string[];
  const o = cmd.opts<{ watch?: boolean; interval: string }>();
  // Checked before anything is shown: `-i abc` used to mean 2 s, and `-i -3` five redraws a second.
  const intervalMs = watchIntervalMs(o.interval);
  const show = async (): Promise<Shown> => {
    const shown = await report(ctx, selected);
    const { report: r, died } = shown;
    const missing = selected.filter((n) => !r.services.some((s) => s.name === n));
    if (missing.length) throw new CliError(`unknown service${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`, EXIT.usage, 'SERVICE.UNKNOWN');
    if (o.watch && !ctx.json && process.stdout.isTTY) process.stdout.write('\x1b[2J\x1b[H');
    const json = died ? { ...r, daemon: { ...r.daemon, died } } : r;
    ctx.print(json, () => renderStatus(r, ctx.style, Date.now(), died ? renderDeadDaemon(died, ctx.style) : undefined));
    return shown;
  };
  const first = await show();
  if (!o.watch) return first.died ? EXIT.failed : EXIT.ok;
  for (;;) {
    await new Promise((r) => setTimeout(r, intervalMs));
    await show();
  }
}

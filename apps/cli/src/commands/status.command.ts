import { Command } from 'commander';
import { configuredStatusSources, GetStatus, TOKENS } from '@localport/application';
import type { StatusReport } from '@localport/application';
import { CliContext, expectOk } from '../cli-context';
import { CliError, EXIT } from '../cli-error';
import { buildCliContainer } from '../container';
import { renderStatus } from '../render/status.render';
import { watchIntervalMs } from './watch-interval';

/** The status document when no daemon runs: the daemon's own `GetStatus` over the config, every service `stopped`. */
async function offlineReport(ctx: CliContext, names: readonly string[]): Promise<StatusReport> {
  const { config } = await ctx.loadConfig('keep'); // names, ports and targets; no secret is used
  const c = buildCliContainer(ctx.env);
  return new GetStatus(configuredStatusSources(config.services, c.get(TOKENS.clock))).execute(names);
}

async function report(ctx: CliContext, names: string[]): Promise<StatusReport> {
  const client = await ctx.connect();
  if (!client) return offlineReport(ctx, names);
  try {
    return expectOk(await client.request('status', { names: names.length ? names : undefined }, { timeoutMs: 10_000 }));
  } finally {
    client.close();
  }
}

/** `localport status [NAMES...] [-w] [-i S]` */
export default async function status(program: Command, cmd: Command, [names]: unknown[]): Promise<number> {
  const ctx = new CliContext(program);
  const selected = names as string[];
  const o = cmd.opts<{ watch?: boolean; interval: string }>();
  // Checked before anything is shown: `-i abc` used to mean 2 s, and `-i -3` five redraws a second.
  const intervalMs = watchIntervalMs(o.interval);
  const show = async () => {
    const r = await report(ctx, selected);
    const missing = selected.filter((n) => !r.services.some((s) => s.name === n));
    if (missing.length) throw new CliError(`unknown service${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`, EXIT.usage, 'SERVICE.UNKNOWN');
    if (o.watch && !ctx.json && process.stdout.isTTY) process.stdout.write('\x1b[2J\x1b[H');
    ctx.print(r, () => renderStatus(r, ctx.style));
  };
  await show();
  if (!o.watch) return EXIT.ok;
  for (;;) {
    await new Promise((r) => setTimeout(r, intervalMs));
    await show();
  }
}

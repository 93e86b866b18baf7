import { Command } from 'commander';
import { describeTarget } from '@localport/domain';
import type { StatusReport } from '@localport/application';
import { KubectlContexts } from '@localport/infrastructure';
import { CliContext, expectOk } from '../cli-context';
import { CliError, EXIT } from '../cli-error';
import { renderStatus } from '../render/status.render';
import { watchIntervalMs } from './watch-interval';

/** The status document when no daemon runs: every configured service `stopped`. */
async function offlineReport(ctx: CliContext, names: readonly string[]): Promise<StatusReport> {
  const loaded = await ctx.loadConfig();
  const now = new Date().toISOString();
  const needsCurrent = loaded.config.services.some((s) => s.connection.technology === 'kubectl' && !s.connection.context);
  const current = needsCurrent ? await new KubectlContexts({ kubectl: ctx.env.LOCALPORT_KUBECTL, env: ctx.env }).current() : null;
  return {
    daemon: { running: false },
    services: loaded.config.services
      .filter((s) => names.length === 0 || names.includes(s.name))
      .map((s) => ({
        name: s.name, technology: s.technology, localPort: s.localPort, bindAddress: s.bindAddress, target: describeTarget(s.connection, s.remotePort), state: 'stopped', healthy: false,
        restarts: 0, lastError: null, context: s.connection.technology === 'kubectl' ? (s.connection.context ?? current) : null, since: now, tags: s.tags, pid: null,
        connections: { total: 0, active: 0, bytesIn: 0, bytesOut: 0 }, nextRestartAt: null,
      })),
    clusters: [],
  };
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

import { Command } from 'commander';
import type { StatusReport } from '@localport/application';
import { CliContext, expectOk } from '../cli-context';
import { CliError, EXIT } from '../cli-error';
import { ensureDaemon } from '../daemon-launcher';
import { notHealthyError } from '../render/not-healthy';
import { watchUntilHealthy } from '../render/wait-progress';

interface StartOptions {
  all?: boolean;
  tag: string[];
  wait?: boolean;
  timeout: string;
}

/** `localport start [NAMES...] [--all] [--tag T]... [--wait] [--timeout S]` */
export default async function start(program: Command, cmd: Command, [names]: unknown[]): Promise<number> {
  const ctx = new CliContext(program);
  const o = cmd.opts<StartOptions>();
  const selected = names as string[];
  if (!o.all && selected.length === 0 && o.tag.length === 0) throw new CliError('name the services to start, or use --tag or --all', EXIT.usage, 'CLI.USAGE');
  const timeoutS = Number(o.timeout);
  if (!(timeoutS > 0)) throw new CliError(`--timeout ${o.timeout} is not a number of seconds`, EXIT.usage, 'CLI.USAGE');
  const selection = { names: selected.length ? selected : undefined, all: o.all, tags: o.tag.length ? o.tag : undefined };
  // A selection that names nothing is refused before a daemon is started for it.
  const { client } = await ensureDaemon(ctx, selection);
  try {
    const reply = expectOk(await client.request('start', selection, { timeoutMs: 120_000 }));
    const failed = reply.results.filter((r) => !r.ok);
    if (!o.wait) {
      ctx.print(reply, () => reply.results.map((r) => (r.ok ? `${ctx.style.green('✓')} ${r.name} ${ctx.style.dim(String((r as { state?: string }).state ?? ''))}` : `${ctx.style.red('✗')} ${r.name}: ${r.error?.message}`)).join('\n'));
      return failed.length > 0 ? EXIT.failed : EXIT.ok;
    }
    const report: StatusReport = await watchUntilHealthy(ctx, client, reply.results.map((r) => r.name), timeoutS * 1000);
    const chosen = report.services.filter((s) => reply.results.some((r) => r.name === s.name));
    const bad = chosen.filter((s) => !(s.state === 'running' && s.healthy));
    if (ctx.json) ctx.print({ services: chosen, healthy: bad.length === 0 }, () => '');
    if (bad.length > 0) throw notHealthyError(bad, chosen.length, report, timeoutS);
    return EXIT.ok;
  } finally {
    client.close();
  }
}

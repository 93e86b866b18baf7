import { Command } from 'commander';
import { CliContext, expectOk } from '../cli-context';
import { CliError, EXIT } from '../cli-error';

/** `localport stop [NAMES...] [--all]`: stops services; the daemon keeps running. */
export default async function stop(program: Command, cmd: Command, [names]: unknown[]): Promise<number> {
  const ctx = new CliContext(program);
  const selected = names as string[];
  const all = cmd.opts<{ all?: boolean }>().all;
  if (!all && selected.length === 0) throw new CliError('name the services to stop, or use --all', EXIT.usage, 'CLI.USAGE');
  const client = await ctx.connect();
  if (!client) {
    if (selected.length > 0) {
      const known = (await ctx.loadConfig('keep')).config.services.map((s) => s.name);
      const unknown = selected.filter((n) => !known.includes(n));
      if (unknown.length) throw new CliError(`unknown service${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, EXIT.usage, 'SERVICE.UNKNOWN');
    }
    ctx.print({ results: [], daemon: { running: false } }, () => 'the daemon is not running, so no service is running');
    return EXIT.ok;
  }
  try {
    const reply = expectOk(await client.request('stop', { names: selected.length ? selected : undefined, all }, { timeoutMs: 60_000 }));
    ctx.print(reply, () => reply.results.map((r) => `${ctx.style.green('✓')} ${r.name} stopped`).join('\n') || 'nothing to stop');
    return EXIT.ok;
  } finally {
    client.close();
  }
}

import { Command } from 'commander';
import { CliContext, expectOk } from '../cli-context';
import { EXIT } from '../cli-error';

/** `localport restart [NAMES...]`: replaces the tunnels (all services when none named), keeping local ports. */
export default async function restart(program: Command, _cmd: Command, [names]: unknown[]): Promise<number> {
  const ctx = new CliContext(program);
  const selected = names as string[];
  const client = await ctx.requireDaemon();
  try {
    const reply = expectOk(await client.request('restart', { names: selected.length ? selected : undefined }, { timeoutMs: 120_000 }));
    ctx.print(reply, () => reply.results.map((r) => (r.ok ? `${ctx.style.green('✓')} ${r.name} restarted` : `${ctx.style.red('✗')} ${r.name}: ${r.error?.message}`)).join('\n') || 'nothing to restart');
    return reply.results.every((r) => r.ok) ? EXIT.ok : EXIT.failed;
  } finally {
    client.close();
  }
}

import type { ServiceStatusView, StatusReport } from '@localport/application';
import { ControlClient } from '@localport/infrastructure';
import { CliContext, expectOk } from '../cli-context';

const done = (s: ServiceStatusView) => (s.state === 'running' && s.healthy) || s.state === 'failed' || s.state === 'disabled' || s.state === 'stopped';
const mark = (ctx: CliContext, s: ServiceStatusView) =>
  s.state === 'running' && s.healthy ? ctx.style.green('✓') : s.state === 'failed' ? ctx.style.red('✗') : ctx.style.yellow('…');

/**
 * Polls status until every named service is healthy (or stopped), one has failed, or the deadline passes. On a
 * terminal it redraws one line per service; otherwise it prints a line per change (nothing without `progress`).
 */
export async function watchUntilHealthy(ctx: CliContext, client: ControlClient, names: readonly string[], timeoutMs: number, progress = true): Promise<StatusReport> {
  const deadline = Date.now() + timeoutMs;
  const live = progress && Boolean(process.stdout.isTTY) && !ctx.json && !ctx.opts.quiet;
  const seen = new Map<string, string>();
  let drawn = 0;
  for (;;) {
    const report = expectOk(await client.request('status', { names: [...names] }, { timeoutMs: 10_000 }));
    const services = report.services.filter((s) => names.includes(s.name));
    const lines = services.map((s) => `${mark(ctx, s)} ${s.name.padEnd(20)} ${s.state}${s.state === 'running' && !s.healthy ? ' (checking health)' : ''}${s.lastError && s.state !== 'running' ? ctx.style.dim(`  ${s.lastError}`) : ''}`);
    if (live) {
      if (drawn) process.stdout.write(`\x1b[${drawn}A`);
      process.stdout.write(lines.map((l) => `\x1b[2K${l}\n`).join(''));
      drawn = lines.length;
    } else if (progress && !ctx.json) {
      services.forEach((s, i) => {
        const key = `${s.state}/${s.healthy}`;
        if (seen.get(s.name) !== key) ctx.note(lines[i]);
        seen.set(s.name, key);
      });
    }
    // One failed service settles the outcome: say so now rather than wait for the others.
    if (services.every(done) || services.some((s) => s.state === 'failed') || Date.now() >= deadline) return report;
    await new Promise((r) => setTimeout(r, 250));
  }
}

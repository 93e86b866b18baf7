import { Command } from 'commander';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FileServiceLogs, followLog, parseSince, readLogSince, readLogTail } from '@localport/infrastructure';
import { CliContext } from '../cli-context';
import { CliError, EXIT } from '../cli-error';
import { renderTable } from '../render/table';

interface LogsOptions {
  follow?: boolean;
  lines: string;
  grep?: string;
  list?: boolean;
  path?: boolean;
  since?: string;
}

/** The daemon log is JSON lines; people get `time level message key=value`. */
function humanize(line: string): string {
  try {
    const { timestamp, level, message, ...fields } = JSON.parse(line) as Record<string, unknown>;
    const rest = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');
    return `${String(timestamp)} ${String(level).toUpperCase().padEnd(5)} ${String(message)}${rest ? ` ${rest}` : ''}`;
  } catch {
    return line;
  }
}

/** `localport logs [SERVICE] [--follow] [--lines N] [--grep RE] [--list] [--path]` */
export default async function logs(program: Command, cmd: Command, [service]: unknown[]): Promise<number> {
  const ctx = new CliContext(program);
  const o = cmd.opts<LogsOptions>();
  const serviceLogs = new FileServiceLogs(ctx.paths.serviceLogDir);
  if (o.list) return list(ctx, serviceLogs.dir);
  const name = service as string | undefined;
  if (name) {
    // Only the names are needed: a `${VAR}` unset in this shell is no reason to refuse.
    const known = (await ctx.loadConfig('keep')).config.services.map((s) => s.name);
    if (!known.includes(name)) throw new CliError(`unknown service: ${name} (configured: ${known.join(', ') || 'none'})`, EXIT.usage, 'SERVICE.UNKNOWN');
  }
  const file = name ? serviceLogs.pathOf(name) : join(ctx.paths.logDir, 'daemon.log');
  if (o.path) {
    ctx.print({ service: name ?? null, file }, () => file);
    return EXIT.ok;
  }
  const lines = Number(o.lines);
  if (!Number.isInteger(lines) || lines < 0) throw new CliError(`--lines ${o.lines} is not a whole number`, EXIT.usage, 'CLI.USAGE');
  let grep: RegExp | undefined;
  try {
    grep = o.grep ? new RegExp(o.grep, 'i') : undefined;
  } catch (e) {
    throw new CliError(`--grep: ${(e as Error).message}`, EXIT.usage, 'CLI.USAGE');
  }
  const since = o.since === undefined ? undefined : parseSince(o.since, Date.now());
  if (since === null) throw new CliError(`--since ${o.since}: expected an age such as 30s, 10m, 1h, 2d, or an ISO time such as 2026-12-03T18:00:00Z`, EXIT.usage, 'CLI.USAGE');
  if (name) await flushServiceLogs(ctx);
  const show = (line: string) => process.stdout.write(`${ctx.json || name ? line : humanize(line)}\n`);
  // With --since, every line since then unless -n was given too (as kubectl logs --since does).
  const count = lines === 0 || (since !== undefined && cmd.getOptionValueSource('lines') === 'default') ? Number.MAX_SAFE_INTEGER : lines;
  const tail = since === undefined ? await readLogTail(file, count, grep) : await readLogSince(file, since, count, grep);
  if (!tail.ok && !(o.follow && tail.error.code === 'LOGS.NOT_FOUND')) {
    throw new CliError(tail.error.code === 'LOGS.NOT_FOUND' ? `no log yet at ${file}${name ? ` (has ${name} been started?)` : ''}` : tail.error.message, EXIT.failed, tail.error.code);
  }
  if (tail.ok) tail.value.forEach(show);
  if (!o.follow) return EXIT.ok;
  const stop = new AbortController();
  // Ctrl-C is left to the CLI's own handler (exit 130, as for `status -w` and `events -f`). Swapping SIGINT
  // listeners here lost a Ctrl-C that arrived during the swap: removing the last listener drops its pending signal.
  process.once('SIGTERM', () => stop.abort());
  await followLog(file, (line) => (!grep || grep.test(line)) && show(line), stop.signal);
  return EXIT.ok;
}

/**
 * A running daemon holds up to half a second of service-log lines before it writes them; it is asked to write
 * them out first, so the log shows everything up to now. No daemon, or one that cannot answer, leaves the file as it is.
 */
async function flushServiceLogs(ctx: CliContext): Promise<void> {
  const client = await ctx.connect().catch(() => null);
  if (!client) return;
  try {
    await client.request('logs.flush', {}, { timeoutMs: 2_000 });
  } finally {
    client.close();
  }
}

function list(ctx: CliContext, dir: string): number {
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => /\.log(\.\d+)?$/.test(f));
  } catch {
    /* no logs yet */
  }
  const byService = new Map<string, { file: string; size: number; modified: number; rotated: number }>();
  for (const f of files) {
    const st = statSync(join(dir, f));
    const svc = f.replace(/\.log(\.\d+)?$/, '');
    const e = byService.get(svc) ?? { file: join(dir, `${svc}.log`), size: 0, modified: 0, rotated: 0 };
    e.size += st.size;
    e.modified = Math.max(e.modified, st.mtimeMs);
    if (/\.\d+$/.test(f)) e.rotated++;
    byService.set(svc, e);
  }
  const rows = [...byService.entries()].sort((a, b) => b[1].modified - a[1].modified);
  ctx.print(
    { directory: dir, services: rows.map(([service, e]) => ({ service, file: e.file, sizeBytes: e.size, modified: new Date(e.modified).toISOString(), rotatedFiles: e.rotated })) },
    () => (rows.length ? renderTable(['SERVICE', 'SIZE', 'MODIFIED', 'ROTATED', 'FILE'], rows.map(([s, e]) => [s, `${(e.size / 1024).toFixed(1)} KiB`, new Date(e.modified).toLocaleString(), String(e.rotated), e.file])) : `no service logs yet in ${dir}`),
  );
  return EXIT.ok;
}

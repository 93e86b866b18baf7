import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { findDeadDaemon } from '@localport/infrastructure';
import { CliContext, expectOk } from '../cli-context';
import { CliError, EXIT } from '../cli-error';
import { daemonNodeFlags, runDaemonForeground, startDaemonDetached } from '../daemon-launcher';
import { renderDeadDaemon } from '../render/dead-daemon.render';
import { shortDuration } from '../render/style';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A daemon that has exited but is not yet reaped (a zombie) counts as stopped: the detached daemon's parent is
  // init, and a container's init may reap late or never, which signal 0 cannot tell from a live process.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z';
  } catch {
    return true; // no /proc (macOS): signal 0 is all there is
  }
};

/** Asks the daemon to shut down and waits; SIGKILL only after `timeoutMs`. Returns the pid, or null if none ran. */
async function stopDaemon(ctx: CliContext, timeoutMs: number): Promise<number | null> {
  const client = await ctx.connect();
  if (!client) return null;
  const ping = expectOk(await client.request('ping', {}, { timeoutMs: 5_000 }));
  await client.request('shutdown', {}, { timeoutMs: 5_000 });
  client.close();
  const deadline = Date.now() + timeoutMs;
  while (alive(ping.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (alive(ping.pid)) {
    ctx.note(ctx.style.yellow(`the daemon (pid ${ping.pid}) did not stop within ${timeoutMs / 1000} s; killing it`));
    process.kill(ping.pid, 'SIGKILL');
  }
  return ping.pid;
}

/** `localport daemon start|run|stop|restart|status|reload` */
export default async function daemon(program: Command, cmd: Command): Promise<number> {
  const ctx = new CliContext(program);
  const o = cmd.opts<{ foreground?: boolean; autoStart?: boolean; timeout?: string }>();
  switch (cmd.name()) {
    case 'run':
    case 'start':
    case 'restart': {
      if (cmd.name() === 'restart') await stopDaemon(ctx, 10_000);
      const running = await ctx.connect();
      if (running) {
        const ping = expectOk(await running.request('ping', {}, { timeoutMs: 5_000 }));
        running.close();
        throw new CliError(`the daemon is already running (pid ${ping.pid})`, EXIT.failed, 'DAEMON.ALREADY_RUNNING');
      }
      const configPath = ctx.configPath();
      const flags = daemonNodeFlags((await ctx.loadConfig()).config.services);
      if (cmd.name() === 'run') return runDaemonForeground(ctx, configPath, o.autoStart !== false, flags, false);
      if (o.foreground) return runDaemonForeground(ctx, configPath, o.autoStart !== false, flags);
      const client = await startDaemonDetached(ctx, configPath, o.autoStart !== false, flags);
      const ping = expectOk(await client.request('ping', {}, { timeoutMs: 5_000 }));
      client.close();
      ctx.print({ running: true, pid: ping.pid, configPath, socket: ctx.paths.socketPath }, () => `daemon started (pid ${ping.pid}), config ${configPath}`);
      return EXIT.ok;
    }
    case 'stop': {
      const timeoutMs = Math.max(1, Number(o.timeout ?? 10)) * 1000;
      const pid = await stopDaemon(ctx, timeoutMs);
      ctx.print({ stopped: pid !== null, pid }, () => (pid === null ? 'the daemon is not running' : `daemon stopped (pid ${pid})`));
      return EXIT.ok;
    }
    case 'status': {
      const client = await ctx.connect();
      if (!client) {
        const died = await findDeadDaemon(ctx.paths);
        ctx.print({ running: false, ...(died ? { died } : {}) }, () => (died ? renderDeadDaemon(died, ctx.style) : 'daemon: not running'));
        return EXIT.failed;
      }
      const r = expectOk(await client.request('status', {}, { timeoutMs: 10_000 }));
      client.close();
      const d = r.daemon;
      const counts = r.services.reduce<Record<string, number>>((m, s) => ({ ...m, [s.state]: (m[s.state] ?? 0) + 1 }), {});
      ctx.print({ ...d, socket: ctx.paths.socketPath, services: counts }, () =>
        [
          `daemon: running (pid ${d.pid}, version ${d.version}, up ${shortDuration((d.uptimeSeconds ?? 0) * 1000)})`,
          `config: ${d.configPath}`,
          `socket: ${ctx.paths.socketPath}`,
          `services: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ') || 'none'}`,
          ...(d.configError ? [ctx.style.red(`last reload refused:\n  ${d.configError.split('\n').join('\n  ')}`)] : []),
        ].join('\n'),
      );
      return EXIT.ok;
    }
    case 'reload': {
      const client = await ctx.requireDaemon();
      const r = expectOk(await client.request('reload', {}, { timeoutMs: 60_000 }));
      client.close();
      if (!r.applied) {
        const problems = (r.error?.problems ?? []).map(String);
        throw new CliError(`the new configuration was refused; the previous one keeps running${problems.length ? '' : `: ${r.error?.message ?? ''}`}`, EXIT.usage, r.error?.code ?? 'CONFIG.INVALID', problems);
      }
      const refused = (r.refused ?? []).map((x) => ctx.style.yellow(`refused: ${x.message}`));
      ctx.print(r, () => [...(r.actions.length ? r.actions.map((a) => `${a.kind} ${a.name}`) : refused.length ? [] : ['configuration reloaded; nothing changed']), ...refused].join('\n'));
      return EXIT.ok;
    }
  }
  throw new CliError(`unknown daemon command ${cmd.name()}`, EXIT.usage, 'CLI.USAGE');
}

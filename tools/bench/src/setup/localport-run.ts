import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchContext } from '../bench-context';
import { DaemonWatch } from '../support/daemon-watch';
import { LocalportCli, TimedRun } from '../support/localport-cli';
import { childrenOf, isAlive } from '../support/proc-stats';
import { BenchService, writeBenchConfig } from './bench-config';

/** A LocalPort daemon the bench started with its own home and config; always torn down through the cleanup stack. */
export class LocalportRun {
  private constructor(
    readonly cli: LocalportCli,
    readonly watch: DaemonWatch,
    readonly daemonPid: number,
    readonly started: TimedRun,
    private readonly teardown: () => Promise<void>,
  ) {}

  /**
   * Writes the config, runs `localport start --all --wait` (or only `first` of the services), and connects a status
   * watcher. Throws if they did not all come up.
   */
  static async start(ctx: BenchContext, name: string, services: readonly BenchService[], waitSeconds: number, first?: readonly string[]): Promise<LocalportRun> {
    const configPath = ctx.workspace.file(`${name}.yaml`);
    writeBenchConfig(configPath, services, { targetPort: ctx.targetPort, sshd: ctx.sshd });
    const setup = ctx.workspace.setup(name, configPath);
    const cli = new LocalportCli(ctx.cliPath, setup.env);
    const pidFile = join(setup.home, 'run', 'daemon.pid');
    const teardown = ctx.cleanup.push(`daemon ${name}`, () => forceStop(cli, pidFile));
    const started = await cli.run(['start', ...(first ?? ['--all']), '--wait', '--timeout', String(waitSeconds)], (waitSeconds + 60) * 1000);
    if (started.code !== 0) {
      await teardown();
      throw new Error(`localport start --all --wait (${name}, ${services.length} services) exited with ${started.code}: ${(started.stderr || started.stdout).trim().split('\n').slice(0, 8).join(' | ')}`);
    }
    const watch = await DaemonWatch.connect(setup.socketPath);
    const pid = (await watch.status()).daemon.pid ?? -1;
    return new LocalportRun(cli, watch, pid, started, async () => {
      watch.close();
      await teardown();
    });
  }

  /** `localport daemon stop`, timed; the cleanup then only checks nothing is left. */
  async stop(): Promise<TimedRun> {
    this.watch.close();
    const r = await this.cli.run(['daemon', 'stop'], 60_000);
    await this.teardown();
    return r;
  }

  /** Tears down without measuring. */
  close(): Promise<void> {
    return this.teardown();
  }
}

/** `daemon stop`, then SIGKILL for a daemon (and its children) that is still there. */
export async function forceStop(cli: LocalportCli, pidFile: string): Promise<void> {
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : NaN;
  const children = Number.isInteger(pid) ? await childrenOf(pid) : [];
  await cli.run(['daemon', 'stop', '--timeout', '5'], 30_000);
  if (Number.isInteger(pid) && (await isAlive(pid))) signal(pid);
  for (const c of children) if (await isAlive(c.pid)) signal(c.pid);
}

function signal(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

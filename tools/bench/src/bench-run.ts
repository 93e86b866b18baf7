import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SshdHarness, startSshd } from '@localport/testing/sshd';
import { BenchContext } from './bench-context';
import { BenchPlan, helpersFor, PhaseName, PHASES } from './bench-options';
import { runCliPhase } from './phases/cli.phase';
import { runLeanPhase } from './phases/lean.phase';
import { runMassPhase } from './phases/mass.phase';
import { runNativePhase } from './phases/native.phase';
import { guarded } from './phases/guarded';
import { runScalePhase } from './phases/scale.phase';
import { runSustainedPhase } from './phases/sustained.phase';
import { runTunnelPhase } from './phases/tunnels.phase';
import { renderConsoleTable } from './report/console-table';
import { SectionResult } from './report/figures';
import { renderMarkdown } from './report/markdown-report';
import { RunSummary } from './report/run-summary';
import { startBenchCluster } from './setup/bench-cluster';
import { BenchWorkspace } from './support/bench-workspace';
import { CleanupStack } from './support/cleanup-stack';
import { collectMachineInfo, MachineInfo } from './support/machine-info';
import { loadClockTicks } from './support/proc-stats';
import { startWorker, WorkerHandle, WorkerRole } from './workers/worker-rpc';

/** The bench program's own share of the 15 minutes `npm run bench` may take (the rest is install and build). */
const BUDGET_MS = 13 * 60_000;
/** Kept free after the sustained run for its wind-down, the cleanup and the report. */
const RESERVE_MS = 90_000;

/** Stands in for a helper no measurement asked for by `--only` needs (see NEEDS); any use is a bench bug and says so. */
const notStarted = <T extends object>(what: string): T =>
  new Proxy({} as T, {
    get: (_, key) => {
      if (key === 'then') return undefined; // not a promise: awaiting it is fine
      throw new Error(`${what} was not started: no measurement asked for needs it (see NEEDS in bench-options.ts)`);
    },
  });

/** What to run and where the report goes. */
export interface BenchInvocation {
  readonly plan: BenchPlan;
  readonly cliPath: string;
  readonly outPath: string;
  readonly command: string;
  /** The measurements to make (default: all). */
  readonly only?: readonly PhaseName[] | null;
}

/** Runs every measurement, cleans up every process, writes the report and prints the table. Resolves the exit code. */
export async function runBench(inv: BenchInvocation): Promise<number> {
  const startedAt = new Date();
  const t0 = performance.now();
  const clock = () => {
    const s = Math.round((performance.now() - t0) / 1000);
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  };
  const log = (line: string) => process.stdout.write(`[bench ${clock()}] ${line}\n`);
  const cleanup = new CleanupStack();
  const sections: SectionResult[] = [];
  const remarks: string[] = [];
  let machine: MachineInfo | null = null;
  // Ctrl-C: tear everything down and leave without a report (a partial one would replace a complete one).
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    log('interrupted: cleaning up, no report written');
    void cleanup.runAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await loadClockTicks();
    const workspace = new BenchWorkspace();
    cleanup.push('temp dir', () => workspace.remove());
    log(`plan: ${inv.plan.quick ? 'quick' : 'full'}; temp dir ${workspace.root}`);
    const wanted = new Set<PhaseName>(inv.only ?? PHASES);
    // Only the helpers the wanted measurements use: sshd (host keys included) costs seconds on a busy machine, and
    // idle workers are processes the mass measurement would share the cores with.
    const helpers = helpersFor(wanted);
    const worker = async (role: WorkerRole) => {
      const w = await startWorker(role);
      cleanup.push(`${role} worker`, () => w.stop());
      return w;
    };
    const [target, load, relay] = await Promise.all([
      worker('target'),
      helpers.has('load') ? worker('load') : notStarted<WorkerHandle>('the load worker'),
      helpers.has('relay') ? worker('relay') : notStarted<WorkerHandle>('the relay worker'),
    ]);
    const targetPort = await target.call<number>('start');
    const sshd = helpers.has('sshd') ? await startSshd() : null;
    if (sshd) cleanup.push('sshd', () => sshd.stop());
    const api = await startBenchCluster(targetPort, workspace.kubeconfig);
    cleanup.push('fake API server', () => api.close());
    machine = await collectMachineInfo(workspace.kubectlEnv(), api.state.version);
    const ctx: BenchContext = { plan: inv.plan, cliPath: inv.cliPath, workspace, cleanup, targetPort, load, relay, sshd: sshd ?? notStarted<SshdHarness>('sshd'), api, log };
    log('helpers, API server and machine info ready');
    const phase = async (name: PhaseName, title: string, run: () => Promise<SectionResult | SectionResult[]>) => {
      if (!interrupted && wanted.has(name)) sections.push(...(await guarded(title, run, log)));
    };
    await phase('tunnels', 'Tunnels (throughput, latency, recovery, outage)', () => runTunnelPhase(ctx));
    await phase('cli', 'CLI', () => runCliPhase(ctx));
    await phase('scale', 'Scale', () => runScalePhase(ctx));
    await phase('lean', 'Lean daemon', () => runLeanPhase(ctx));
    await phase('mass', 'Mass config', () => runMassPhase(ctx));
    await phase('native', 'Native forwarder', () => runNativePhase(ctx));
    const left = Math.floor((BUDGET_MS - (performance.now() - t0) - RESERVE_MS) / 1000);
    const seconds = Math.max(60, Math.min(inv.plan.sustainedSeconds, left));
    if (wanted.has('sustained') && seconds < inv.plan.sustainedSeconds) remarks.push(`The sustained run was cut from ${inv.plan.sustainedSeconds} s to ${seconds} s to stay within the time budget.`);
    await phase('sustained', 'Sustained', () => runSustainedPhase(ctx, seconds));
  } catch (e) {
    remarks.push(`The run stopped early: ${(e as Error).message ?? String(e)}`);
    log(`stopped early: ${(e as Error).message}`);
  } finally {
    if (!interrupted) log('cleaning up');
    remarks.push(...(await cleanup.runAll()).map((f) => `Cleanup problem: ${f}`));
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const summary: RunSummary = { command: inv.command, startedAt, durationMs: performance.now() - t0, machine, sections, remarks };
  mkdirSync(dirname(inv.outPath), { recursive: true });
  writeFileSync(inv.outPath, renderMarkdown(summary));
  process.stdout.write(`\n${renderConsoleTable(summary)}\nreport written to ${inv.outPath}\n`);
  return sections.some((s) => s.failure) || remarks.some((r) => r.startsWith('The run stopped early')) ? 1 : 0;
}

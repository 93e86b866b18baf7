import { join } from 'node:path';
import { BenchContext } from '../bench-context';
import { fmt, info, judged, newSection, SectionResult } from '../report/figures';
import { BenchService, writeBenchConfig } from '../setup/bench-config';
import { freePorts } from '../setup/free-ports';
import { forceStop } from '../setup/localport-run';
import { LocalportCli } from '../support/localport-cli';
import { procSample, schedCpuSeconds } from '../support/proc-stats';
import { readPid, timeToServe } from './serve-timing';

/** Targets of issue 13 for ssh-only configs with default health checks, and the Python LocalPort 0.3.7.3 figures it quotes. */
export const LEAN = {
  rssTargetMb: 60,
  nativeRssTargetMb: 100,
  cpuTargetPct: { 10: 0.1, 50: 0.3 } as Record<number, number>,
  startTargetMs: 3_000,
  python: { rssMb: { 10: 46, 50: 48 } as Record<number, number>, cpuPct: { 10: 0.07, 50: 0.3 } as Record<number, number>, startS: 6.6 },
} as const;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** From the last service serving to the idle window: past V8's one-time memory-reducer GCs after start-up. */
const SETTLE_MS = 30_000;

/** Issue 13: `daemon start` until every ssh service serves, then idle RSS and CPU of the daemon, with 10 and 50 ssh services. */
export async function runLeanPhase(ctx: BenchContext): Promise<SectionResult> {
  const section = newSection('Lean daemon: ssh services only, default health checks');
  for (const n of [10, 50]) await measureSize(ctx, section, n);
  await measureKex(ctx, section, 50);
  await measureNative(ctx, section, 50);
  section.facts.push(
    'Start: wall time from spawning `localport start --all` (no daemon running: the CLI starts one) or `localport daemon start` (auto-start) until a new connection through every local port got its echo back. Each service is its own ssh connection, so the ssh handshakes (client and sshd CPU) are most of it.',
    "CPU: the daemon's own CPU time from /proc/<pid>/schedstat (nanoseconds, so robust to other load on the machine) over the idle window, which begins 30 s after the last service served; no client traffic, the default tcp health check every 30 s keeps running. The wait lets V8's memory reducer finish what it does once after start-up (three compacting GCs about 15 s after the last burst of allocation: 60-100 ms of CPU once, and 5-6 MB less RSS); measured from 10 s, a 60 s window of 10 services read 0.08-0.22 % depending on whether they fell in it.",
    'Native kubectl services: the same daemon with 50 `forwarder: native` services to one pod of the test API server. The Kubernetes client is then loaded (its bundle, vendor/kube-client.js, is read only when a config has kubectl services), the daemon keeps the optimizing compiler (`--no-opt` is for configs without native services), and each service holds a pod watch share and one spare WebSocket opened ahead.',
    'Python figures: LocalPort 0.3.7.3, as measured for issue 13 on this machine.',
  );
  return section;
}

/** A LocalPort home named `name` with a config of `services`, its CLI, its daemon's pid file and a clean-up that stops that daemon. */
function benchHome(ctx: BenchContext, name: string, services: readonly BenchService[]) {
  const configPath = ctx.workspace.file(`${name}.yaml`);
  writeBenchConfig(configPath, services, { targetPort: ctx.targetPort, sshd: ctx.sshd });
  const setup = ctx.workspace.setup(name, configPath);
  const cli = new LocalportCli(ctx.cliPath, setup.env);
  const pidFile = join(setup.home, 'run', 'daemon.pid');
  return { cli, pidFile, teardown: ctx.cleanup.push(`daemon ${name}`, () => forceStop(cli, pidFile)) };
}

/**
 * The same daemon with 50 native kubectl services (the Kubernetes client loaded, one API connection per context,
 * pod watches, a spare WebSocket per service): RSS and CPU over the idle window, against the fake API server.
 */
async function measureNative(ctx: BenchContext, section: SectionResult, n: number): Promise<void> {
  const ports = await freePorts(n);
  const services: BenchService[] = ports.map((localPort, i) => ({ name: `native-${i}`, technology: 'kubectl', forwarder: 'native', localPort }));
  const { cli, pidFile, teardown } = benchHome(ctx, `native${n}`, services);
  try {
    ctx.log(`lean: ${n} native kubectl services, start --all`);
    const start = await timeToServe(ctx, () => cli.expect(['start', '--all']), ports);
    section.figures.push(info(`lean.native.start.${n}`, `start --all until ${n} native kubectl services serve`, fmt.s(start.lastMs), `first ${fmt.s(start.firstMs)}, median ${fmt.s(start.medianMs)}`));
    const pid = readPid(pidFile);
    await sleep(SETTLE_MS);
    const idle = await idleWindow(ctx, pid);
    section.figures.push(
      judged(`lean.native.rss.${n}`, `idle daemon RSS, ${n} native kubectl services`, fmt.mb(idle.rssKb), `peak in window ${fmt.mb(idle.peakKb)}`, `<= ${LEAN.nativeRssTargetMb} MB`, idle.rssKb / 1024 <= LEAN.nativeRssTargetMb),
      info(`lean.native.cpu.${n}`, `idle daemon CPU, ${n} native kubectl services`, fmt.pct(idle.cpuPct), `${(idle.cpuSeconds * 1000).toFixed(0)} ms CPU in ${idle.seconds.toFixed(0)} s`),
    );
  } finally {
    await teardown();
  }
}

/** The daemon's CPU (schedstat) and RSS over the plan's idle window, with the peak RSS sampled every 5 s. */
async function idleWindow(ctx: BenchContext, pid: number): Promise<{ cpuPct: number; cpuSeconds: number; seconds: number; rssKb: number; peakKb: number }> {
  const [c0, t0] = [await schedCpuSeconds(pid), performance.now()];
  let peakKb = 0;
  for (let left = ctx.plan.idleSeconds * 1000; left > 0; left -= 5_000) {
    await sleep(Math.min(5_000, left));
    peakKb = Math.max(peakKb, (await procSample(pid))?.rssKb ?? 0);
  }
  const [c1, s1] = [await schedCpuSeconds(pid), await procSample(pid)];
  if (c0 === null || c1 === null || !s1) throw new Error('the daemon went away during the idle window');
  const seconds = (performance.now() - t0) / 1000;
  return { cpuPct: ((c1 - c0) / seconds) * 100, cpuSeconds: c1 - c0, seconds, rssKb: s1.rssKb, peakKb };
}

/** Where start-up time goes: the same start with ssh's classic curve25519 key exchange instead of its post-quantum default. */
async function measureKex(ctx: BenchContext, section: SectionResult, n: number): Promise<void> {
  const ports = await freePorts(n);
  const services: BenchService[] = ports.map((localPort, i) => ({ name: `kex-ssh-${i}`, technology: 'ssh', localPort, sshOptions: { KexAlgorithms: 'curve25519-sha256' } }));
  const { cli, teardown } = benchHome(ctx, `kex${n}`, services);
  try {
    ctx.log(`lean: ${n} ssh services with KexAlgorithms=curve25519-sha256, start --all`);
    const start = await timeToServe(ctx, () => cli.expect(['start', '--all']), ports);
    section.figures.push(info(`lean.start.${n}.kex`, `the same with ssh_options KexAlgorithms: curve25519-sha256`, fmt.s(start.lastMs), `first ${fmt.s(start.firstMs)}, median ${fmt.s(start.medianMs)}`));
  } finally {
    await teardown();
  }
}

async function measureSize(ctx: BenchContext, section: SectionResult, n: number): Promise<void> {
  const ports = await freePorts(n);
  const services: BenchService[] = ports.map((localPort, i) => ({ name: `lean-ssh-${i}`, technology: 'ssh', localPort }));
  const { cli, pidFile, teardown } = benchHome(ctx, `lean${n}`, services);
  try {
    // `start --all` first: the daemon answers it at once and the request waits as long as the launches take, where
    // `daemon start` (auto-start) answers only once every launch is done, and the CLI gives it 20 s.
    ctx.log(`lean: ${n} ssh services, start --all (no daemon running)`);
    const start = await timeToServe(ctx, () => cli.expect(['start', '--all']), ports);
    const python = n === 50 ? ` (Python daemon start ${LEAN.python.startS} s)` : '';
    section.figures.push(judged(`lean.startall.${n}`, `start --all (no daemon yet) until all ${n} ssh services serve${python}`, fmt.s(start.lastMs), `first ${fmt.s(start.firstMs)}, median ${fmt.s(start.medianMs)}`, `<= ${LEAN.startTargetMs / 1000} s`, start.lastMs <= LEAN.startTargetMs));
    const pid = readPid(pidFile);
    await sleep(SETTLE_MS);
    ctx.log(`lean: ${n} ssh services, ${ctx.plan.idleSeconds} s idle`);
    const idle = await idleWindow(ctx, pid);
    const py = `Python ${LEAN.python.rssMb[n]} MB`;
    section.figures.push(
      n === 50
        ? judged(`lean.rss.${n}`, `idle daemon RSS, ${n} ssh services (${py})`, fmt.mb(idle.rssKb), `peak in window ${fmt.mb(idle.peakKb)}`, `<= ${LEAN.rssTargetMb} MB`, idle.rssKb / 1024 <= LEAN.rssTargetMb)
        : info(`lean.rss.${n}`, `idle daemon RSS, ${n} ssh services (${py})`, fmt.mb(idle.rssKb), `peak in window ${fmt.mb(idle.peakKb)}`),
      judged(`lean.cpu.${n}`, `idle daemon CPU, ${n} ssh services (Python ${LEAN.python.cpuPct[n]} %)`, fmt.pct(idle.cpuPct), `${(idle.cpuSeconds * 1000).toFixed(0)} ms CPU in ${idle.seconds.toFixed(0)} s`, `<= ${LEAN.cpuTargetPct[n]} %`, idle.cpuPct <= LEAN.cpuTargetPct[n]),
    );
    ctx.log(`lean: ${n} ssh services, daemon stop, then daemon start`);
    await cli.expect(['daemon', 'stop']);
    try {
      const again = await timeToServe(ctx, () => cli.expect(['daemon', 'start']), ports);
      section.figures.push(judged(`lean.start.${n}`, `daemon start until all ${n} ssh services serve`, fmt.s(again.lastMs), `first ${fmt.s(again.firstMs)}, median ${fmt.s(again.medianMs)}`, `<= ${LEAN.startTargetMs / 1000} s`, again.lastMs <= LEAN.startTargetMs));
    } catch (e) {
      section.facts.push(`\`daemon start\` with ${n} ssh services failed: ${(e as Error).message.split('\n')[0]}`);
    }
  } finally {
    await teardown();
  }
}

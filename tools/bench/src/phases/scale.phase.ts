import { BenchContext } from '../bench-context';
import { fmt, info, judged, newSection, SectionResult } from '../report/figures';
import { LocalportRun } from '../setup/localport-run';
import { serviceMix } from '../setup/service-mix';
import { childrenOf, fdCount, isAlive, procSample, ProcSample, totals, tunnelKind } from '../support/proc-stats';
import { probeControlMaster } from './controlmaster-probe';

/** Targets of issue 6 for 200 services: RSS, idle CPU (share of one core) and the time `daemon stop` takes. */
export const SCALE_RSS_TARGET_MB = 300;
export const SCALE_CPU_TARGET_PCT = 2;
export const SCALE_STOP_TARGET_MS = 2_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Measurement 5: many services in one daemon: time to all-healthy, idle RSS and CPU (daemon and children apart), fds, stop time. */
export async function runScalePhase(ctx: BenchContext): Promise<SectionResult> {
  const section = newSection(`Scale: ${ctx.plan.scaleServices} services in one daemon`);
  const cm = await probeControlMaster(ctx);
  section.facts.push(cm.fact);
  const n = ctx.plan.scaleServices;
  ctx.log(`scale: starting LocalPort with ${n} services`);
  const lp = await LocalportRun.start(ctx, 'scale', await serviceMix('scale', n, cm.works ? cm.options : undefined), 300);
  let stopped = false;
  try {
    section.figures.push(info('scale.start', `start --all --wait, ${n} services (${n / 2} ssh, ${n / 2} kubectl) to all healthy`, fmt.s(lp.started.ms)));
    await sleep(5_000);
    const pid = lp.daemonPid;
    const t0 = performance.now();
    const [d0, c0] = [await procSample(pid), await childrenOf(pid)];
    ctx.log(`scale: ${n} services up in ${fmt.s(lp.started.ms)}; measuring ${ctx.plan.idleSeconds} s idle`);
    await sleep(ctx.plan.idleSeconds * 1000);
    const [d1, c1, fds] = [await procSample(pid), await childrenOf(pid), await fdCount(pid)];
    const seconds = (performance.now() - t0) / 1000;
    if (!d0 || !d1) throw new Error('the daemon went away during the idle window');
    const daemonCpu = ((d1.cpuSeconds - d0.cpuSeconds) / seconds) * 100;
    const before = new Map(c0.map((c) => [c.pid, c]));
    const pct = (cpuSeconds: number) => (cpuSeconds / seconds) * 100;
    const used = (kind: string | null) => c1.filter((c) => (tunnelKind(c) ?? c.comm) === kind || kind === null).reduce((a, c) => a + c.cpuSeconds - (before.get(c.pid)?.cpuSeconds ?? 0), 0);
    const reaped = d1.reapedChildCpuSeconds - d0.reapedChildCpuSeconds;
    const childCpu = pct(used(null) + reaped);
    const tunnels = c1.filter((c) => tunnelKind(c) !== null);
    const all = totals(tunnels);
    const byKind = (k: 'kubectl' | 'ssh') => totals(tunnels.filter((c) => tunnelKind(c) === k));
    const [kube, ssh] = [byKind('kubectl'), byKind('ssh')];
    const rssTotalKb = d1.rssKb + all.rssKb;
    section.figures.push(
      judged('scale.rss.daemon', 'daemon RSS', fmt.mb(d1.rssKb), `${fmt.mb(d1.rssKb / n)} per service`, `< ${SCALE_RSS_TARGET_MB} MB`, d1.rssKb / 1024 < SCALE_RSS_TARGET_MB),
      judged('scale.rss.total', `daemon + ${all.count} tunnel processes RSS`, fmt.mb(rssTotalKb), `${fmt.mb(rssTotalKb / n)} per service`, `< ${SCALE_RSS_TARGET_MB} MB`, rssTotalKb / 1024 < SCALE_RSS_TARGET_MB),
      info('scale.rss.children', 'tunnel processes RSS: kubectl / ssh', `${fmt.mb(kube.rssKb)} / ${fmt.mb(ssh.rssKb)}`, `${kube.count} kubectl at ${fmt.mb(kube.rssKb / Math.max(1, kube.count))} each, ${ssh.count} ssh at ${fmt.mb(ssh.rssKb / Math.max(1, ssh.count))} each`),
      judged('scale.cpu.daemon', `daemon CPU, ${Math.round(seconds)} s idle`, fmt.pct(daemonCpu), 'of one core', `< ${SCALE_CPU_TARGET_PCT} %`, daemonCpu < SCALE_CPU_TARGET_PCT),
      judged('scale.cpu.total', 'daemon + children CPU, same window', fmt.pct(daemonCpu + childCpu), `children ${fmt.pct(childCpu)}: kubectl ${fmt.pct(pct(used('kubectl')))}, ssh ${fmt.pct(pct(used('ssh')))}, ended ones (cluster checks) ${fmt.pct(pct(reaped))}`, `< ${SCALE_CPU_TARGET_PCT} %`, daemonCpu + childCpu < SCALE_CPU_TARGET_PCT),
      info('scale.fds', 'daemon open file descriptors', String(fds), `${(fds / n).toFixed(1)} per service`),
    );
    section.facts.push(describeChildren(c1));
    ctx.log('scale: daemon stop');
    const stop = await lp.stop();
    stopped = true;
    const survivors = (await Promise.all(c1.map(async (c) => ((await isAlive(c.pid)) ? c : null)))).filter((c): c is ProcSample => c !== null);
    section.figures.push(judged('scale.stop', `localport daemon stop (${n} services)`, fmt.s(stop.ms), `exit ${stop.code}`, `< ${SCALE_STOP_TARGET_MS / 1000} s`, stop.code === 0 && stop.ms < SCALE_STOP_TARGET_MS));
    section.facts.push(survivors.length === 0 ? `After daemon stop none of its ${c1.length} children was left.` : `After daemon stop ${survivors.length} children were still alive: ${survivors.slice(0, 5).map((s) => `${s.pid} ${s.cmdline}`).join('; ')}`);
    return section;
  } finally {
    if (!stopped) await lp.close();
  }
}

function describeChildren(children: readonly ProcSample[]): string {
  const counts = new Map<string, number>();
  for (const c of children) counts.set(tunnelKind(c) ?? c.comm, (counts.get(tunnelKind(c) ?? c.comm) ?? 0) + 1);
  return `Daemon children at the end of the idle window: ${[...counts].map(([k, v]) => `${v} ${k}`).join(', ')}. Idle means no client traffic; the default health checks (tcp, every 30 s) and the cluster monitor keep running.`;
}

import { BenchContext } from '../bench-context';
import { fmt, info, judged, newSection, SectionResult } from '../report/figures';
import { machineCpu, procSample } from '../support/proc-stats';
import { median, summarize } from '../support/stats';
import { sidesInRound, TunnelPair } from './tunnel-pairs';

const MB = 1024 * 1024;
const PILOT_BYTES = 20 * MB;

/** Target of issue 3/6: LocalPort's path moves at least 0.9x the bytes per second of the plain path. */
export const THROUGHPUT_RATIO_TARGET = 0.9;

/**
 * Throughput: `rounds` rounds, each moving the transfer size through both sides of every pair (alternating which
 * goes first). kubectl gets a smaller size when a pilot shows one transfer would take too long.
 */
export async function measureThroughput(ctx: BenchContext, pairs: readonly TunnelPair[]): Promise<SectionResult> {
  const section = newSection('Throughput');
  const { plan } = ctx;
  const bytes: Record<string, number> = {};
  for (const pair of pairs) bytes[pair.id] = plan.transferBytes;
  const kube = pairs.find((p) => p.id === 'kubectl');
  if (kube) {
    const pilot = await ctx.load.call<{ mbPerS: number }>('throughput', { port: kube.baseline.port, bytes: PILOT_BYTES, timeoutMs: 120_000 });
    const estimateMs = (plan.transferBytes / MB / pilot.mbPerS) * 1000;
    if (estimateMs > plan.maxKubectlTransferMs) {
      bytes.kubectl = Math.max(PILOT_BYTES, Math.floor((pilot.mbPerS * plan.maxKubectlTransferMs) / 1000 / 10) * 10 * MB);
    }
    section.facts.push(`kubectl pilot: ${PILOT_BYTES / MB} MB through plain kubectl port-forward at ${fmt.mbps(pilot.mbPerS)}; kubectl transfers are ${bytes.kubectl / MB} MB${bytes.kubectl < plan.transferBytes ? ` (cut from ${plan.transferBytes / MB} MB to keep the run short)` : ''}.`);
  }
  const results = new Map<string, { localport: number[]; baseline: number[] }>(pairs.map((p) => [p.id, { localport: [], baseline: [] }]));
  const cpu = new Map<string, { relaySeconds: number; machineSeconds: Record<'localport' | 'baseline', number> }>(pairs.map((p) => [p.id, { relaySeconds: 0, machineSeconds: { localport: 0, baseline: 0 } }]));
  for (let round = 0; round < plan.throughputRounds; round++) {
    for (const pair of pairs) {
      for (const [which, side] of sidesInRound(pair, round)) {
        const [m0, p0] = [await machineCpu(), await procSample(pair.relayPid)];
        const r = await ctx.load.call<{ mbPerS: number }>('throughput', { port: side.port, bytes: bytes[pair.id], timeoutMs: 300_000 });
        const [m1, p1] = [await machineCpu(), await procSample(pair.relayPid)];
        results.get(pair.id)![which].push(r.mbPerS);
        const c = cpu.get(pair.id)!;
        c.machineSeconds[which] += m1.busy - m0.busy;
        if (which === 'localport' && p0 && p1) c.relaySeconds += p1.cpuSeconds - p0.cpuSeconds;
      }
    }
    ctx.log(`throughput round ${round + 1}/${plan.throughputRounds}: ${pairs.map((p) => `${p.id} ${fmt.ratio(last(results.get(p.id)!.localport) / last(results.get(p.id)!.baseline))}`).join(', ')}`);
  }
  for (const pair of pairs) {
    const r = results.get(pair.id)!;
    const lp = summarize(r.localport);
    const base = summarize(r.baseline);
    const ratios = r.localport.map((x, i) => x / r.baseline[i]);
    const ratio = lp.median / base.median;
    const size = `${bytes[pair.id] / MB} MB x ${plan.throughputRounds}`;
    section.figures.push(
      info(`throughput.${pair.id}.localport`, `${pair.localport.label} (${size})`, fmt.mbps(lp.median), `min–max ${fmt.range(fmt.mbps(lp.min), fmt.mbps(lp.max))}`),
      info(`throughput.${pair.id}.baseline`, `${pair.baseline.label} (${size})`, fmt.mbps(base.median), `min–max ${fmt.range(fmt.mbps(base.min), fmt.mbps(base.max))}`),
      judged(`throughput.${pair.id}.ratio`, `${pair.title}: LocalPort / plain`, fmt.ratio(ratio), `per-round ${fmt.range(fmt.ratio(Math.min(...ratios)), fmt.ratio(Math.max(...ratios)))}`, `>= ${THROUGHPUT_RATIO_TARGET}x`, ratio >= THROUGHPUT_RATIO_TARGET),
    );
    const c = cpu.get(pair.id)!;
    const gb = (bytes[pair.id] * plan.throughputRounds) / 1024 ** 3;
    if (pair.id === 'relay') {
      const perGb = c.relaySeconds / gb;
      section.figures.push(judged('throughput.relay.cpu', 'relay process CPU per GB relayed (issue 13; Python LocalPort has no relay)', `${perGb.toFixed(2)} s`, 'user + system, /proc/<pid>/stat', `<= ${RELAY_CPU_PER_GB_TARGET_S} s`, perGb <= RELAY_CPU_PER_GB_TARGET_S));
    }
    section.facts.push(
      `${pair.title}: per-round MB/s LocalPort [${r.localport.map((x) => x.toFixed(0)).join(', ')}], plain [${r.baseline.map((x) => x.toFixed(0)).join(', ')}]; median of per-round ratios ${fmt.ratio(median(ratios))}. ` +
        `CPU per GB moved, whole machine: LocalPort ${(c.machineSeconds.localport / gb).toFixed(1)} s, plain ${(c.machineSeconds.baseline / gb).toFixed(1)} s; of which LocalPort's relay process ${(c.relaySeconds / gb).toFixed(1)} s. ` +
        `If the path is CPU-bound, the ratio is plain/LocalPort CPU per GB = ${fmt.ratio(c.machineSeconds.baseline / c.machineSeconds.localport)} (measured ${fmt.ratio(ratio)}).`,
    );
  }
  return section;
}

/** Target of issue 13: CPU seconds the relay process spends per GB it relays. */
export const RELAY_CPU_PER_GB_TARGET_S = 1.0;

const last = (xs: number[]) => xs[xs.length - 1];

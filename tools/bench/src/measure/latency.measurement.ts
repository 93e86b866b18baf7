import { BenchContext } from '../bench-context';
import { fmt, info, judged, newSection, SectionResult } from '../report/figures';
import { Summary, summarize } from '../support/stats';
import { sidesInRound, TunnelPair } from './tunnel-pairs';

/** Target of issue 6: LocalPort adds less than 0.2 ms to the median round trip. */
export const ADDED_P50_TARGET_MS = 0.2;

/** Latency: per round and side, one connection doing warm-up then timed ping-pongs of small messages. */
export async function measureLatency(ctx: BenchContext, pairs: readonly TunnelPair[]): Promise<SectionResult> {
  const section = newSection('Latency');
  const { plan } = ctx;
  const rounds = new Map<string, { localport: Summary[]; baseline: Summary[] }>(pairs.map((p) => [p.id, { localport: [], baseline: [] }]));
  for (let round = 0; round < plan.latencyRounds; round++) {
    for (const pair of pairs) {
      for (const [which, side] of sidesInRound(pair, round)) {
        const s = await ctx.load.call<Summary>('pingPong', { port: side.port, warmup: plan.pingWarmup, iterations: plan.pingIterations, size: plan.pingBytes, timeoutMs: 30_000 });
        rounds.get(pair.id)![which].push(s);
      }
    }
    ctx.log(`latency round ${round + 1}/${plan.latencyRounds} done`);
  }
  section.facts.push(`${plan.pingBytes}-byte messages, one in flight, ${plan.pingIterations} timed round trips after ${plan.pingWarmup} untimed per connection; ${plan.latencyRounds} rounds per side. p50/p99 are per round; the figure is their median across rounds.`);
  for (const pair of pairs) {
    const r = rounds.get(pair.id)!;
    const us = (xs: Summary[], pick: (s: Summary) => number) => summarize(xs.map(pick));
    const lp50 = us(r.localport, (s) => s.median);
    const b50 = us(r.baseline, (s) => s.median);
    const lp99 = us(r.localport, (s) => s.p99);
    const b99 = us(r.baseline, (s) => s.p99);
    const addedMs = (lp50.median - b50.median) / 1000;
    const ms = (x: number) => fmt.ms(x / 1000);
    section.figures.push(
      info(`latency.${pair.id}.localport`, `${pair.localport.label}: p50 / p99`, `${ms(lp50.median)} / ${ms(lp99.median)}`, `p50 min–max ${fmt.range(ms(lp50.min), ms(lp50.max))}`),
      info(`latency.${pair.id}.baseline`, `${pair.baseline.label}: p50 / p99`, `${ms(b50.median)} / ${ms(b99.median)}`, `p50 min–max ${fmt.range(ms(b50.min), ms(b50.max))}`),
      judged(`latency.${pair.id}.added`, `${pair.title}: added p50`, fmt.ms(addedMs), `added p99 ${fmt.ms((lp99.median - b99.median) / 1000)}`, `< ${ADDED_P50_TARGET_MS} ms`, addedMs < ADDED_P50_TARGET_MS),
    );
  }
  return section;
}

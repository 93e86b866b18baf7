import { ServiceStatusView } from '@localport/application';
import { BenchContext } from '../bench-context';
import { fmt, info, newSection, SectionResult } from '../report/figures';
import { DaemonWatch, isUp } from '../support/daemon-watch';
import { summarize, Summary } from '../support/stats';

interface OutageRound {
  readonly toWaiting: number;
  readonly toRunning: number;
  readonly toHealthy: number;
}

/** One outage: `fake.stop()` until every listed service is waiting-for-cluster, `fake.start()` until running, then healthy. */
async function outageRound(ctx: BenchContext, watch: DaemonWatch, names: readonly string[]): Promise<OutageRound> {
  const ours = (all: readonly ServiceStatusView[]) => all.filter((s) => names.includes(s.name));
  await watch.waitFor((all) => ours(all).every(isUp), 120_000, 'kubectl services up before the outage');
  const t0 = performance.now();
  await ctx.api.stop();
  await watch.waitFor((all) => ours(all).every((s) => s.state === 'waiting-for-cluster'), 120_000, 'waiting-for-cluster after the outage', 20);
  const toWaiting = performance.now() - t0;
  const t1 = performance.now();
  await ctx.api.start();
  await watch.waitFor((all) => ours(all).every((s) => s.state === 'running'), 120_000, 'running after the API server returned', 20);
  const toRunning = performance.now() - t1;
  await watch.waitFor((all) => ours(all).every(isUp), 120_000, 'healthy after the API server returned', 20);
  return { toWaiting, toRunning, toHealthy: performance.now() - t1 };
}

/**
 * API-server outage: `fake.stop()` (listener closed, every connection and tunnel cut), timed until every kubectl
 * service shows `waiting-for-cluster`; then `fake.start()`, timed until they are `running` (and healthy).
 */
export async function measureOutage(ctx: BenchContext, watch: DaemonWatch, kubectlServices: readonly string[]): Promise<SectionResult> {
  const section = newSection('API-server outage');
  const rounds: OutageRound[] = [];
  try {
    for (let i = 0; i < ctx.plan.outageRounds; i++) {
      const r = await outageRound(ctx, watch, kubectlServices);
      rounds.push(r);
      ctx.log(`outage round ${i + 1}/${ctx.plan.outageRounds}: waiting-for-cluster after ${fmt.s(r.toWaiting)}, running ${fmt.s(r.toRunning)} after the return`);
    }
  } finally {
    // Whatever happened, the API server is back for the measurements that follow.
    await ctx.api.start();
  }
  const spread = (s: Summary) => `min–max ${fmt.range(fmt.s(s.min), fmt.s(s.max))}`;
  const w = summarize(rounds.map((r) => r.toWaiting));
  const r = summarize(rounds.map((x) => x.toRunning));
  const h = summarize(rounds.map((x) => x.toHealthy));
  section.figures.push(
    info('outage.to-waiting', `outage -> waiting-for-cluster (${kubectlServices.length} kubectl services, ${rounds.length} rounds)`, fmt.s(w.median), spread(w)),
    info('outage.to-running', 'API server back -> running', fmt.s(r.median), spread(r)),
    info('outage.to-healthy', 'API server back -> running and healthy', fmt.s(h.median), spread(h)),
  );
  section.facts.push('Polled over the control socket every 20 ms. Cluster health uses the defaults (kubectl provider; a failed check is retried after 1 s and 2 s; a failing context is re-checked every 2 s).');
  return section;
}

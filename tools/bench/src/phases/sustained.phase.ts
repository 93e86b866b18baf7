import { BenchContext } from '../bench-context';
import { fmt, info, judged, newSection, SectionResult } from '../report/figures';
import { LocalportRun } from '../setup/localport-run';
import { serviceMix } from '../setup/service-mix';
import { isUp } from '../support/daemon-watch';
import { childrenOf, fdCount, procSample, tunnelKind } from '../support/proc-stats';
import type { ChurnResult } from '../workers/churn-client';

/** "Memory flat": the last RSS sample is at most this much above the first (taken once the load has run 10 s). */
export const RSS_GROWTH_LIMIT_PCT = 10;
/** A failed connection within this long after a kill of its service's upstream is put down to the kill. */
const KILL_WINDOW_MS = 10_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Kill {
  readonly name: string;
  readonly port: number;
  readonly at: number;
}

async function snapshot(pid: number) {
  const [self, children, fds] = await Promise.all([procSample(pid), childrenOf(pid), fdCount(pid)]);
  return { rssKb: self?.rssKb ?? 0, fds, tunnels: children.filter((c) => tunnelKind(c) !== null).length };
}

/**
 * Measurement 6: clients connect and disconnect without pause through every service for `seconds`, while one upstream
 * is SIGKILLed every killEvery seconds (round robin). Compares fds and children before and after, samples RSS.
 */
export async function runSustainedPhase(ctx: BenchContext, seconds: number): Promise<SectionResult> {
  const section = newSection(`Sustained: ${ctx.plan.sustainedServices} services, ${seconds} s of connection churn, an upstream killed every ${ctx.plan.killEverySeconds} s`);
  const services = await serviceMix('sus', ctx.plan.sustainedServices);
  ctx.log(`sustained: starting LocalPort with ${services.length} services for ${seconds} s`);
  const lp = await LocalportRun.start(ctx, 'sustained', services, 120);
  try {
    await sleep(3_000);
    const pid = lp.daemonPid;
    const before = await snapshot(pid);
    const churn = ctx.load.call<ChurnResult>('churn', { ports: services.map((s) => s.localPort), durationMs: seconds * 1000, concurrency: 4, pauseMs: 20, timeoutMs: 15_000 });
    let finished = false;
    void churn.finally(() => (finished = true)).catch(() => undefined);
    const rss: number[] = [];
    const kills: Kill[] = [];
    const t0 = Date.now();
    let nextSample = t0 + ctx.plan.sampleEverySeconds * 1000;
    let nextKill = t0 + (ctx.plan.killEverySeconds * 1000) / 2;
    while (!finished && Date.now() - t0 < (seconds + 120) * 1000) {
      await sleep(250);
      if (Date.now() >= nextSample) {
        rss.push((await procSample(pid))?.rssKb ?? 0);
        nextSample += ctx.plan.sampleEverySeconds * 1000;
      }
      if (Date.now() >= nextKill && Date.now() - t0 < seconds * 1000) {
        const victim = services[kills.length % services.length];
        const upstream = (await lp.watch.service(victim.name)).pid;
        if (upstream !== null) {
          process.kill(upstream, 'SIGKILL');
          kills.push({ name: victim.name, port: victim.localPort, at: Date.now() });
          ctx.log(`sustained: killed the upstream of ${victim.name} (pid ${upstream}) at ${Math.round((Date.now() - t0) / 1000)} s`);
        }
        nextKill += ctx.plan.killEverySeconds * 1000;
      }
    }
    const result = await churn;
    await lp.watch.waitFor((all) => all.every(isUp), 120_000, 'every service up again after the churn');
    await sleep(3_000);
    const after = await snapshot(pid);
    const explained = result.errors.filter((e) => kills.some((k) => k.port === e.port && e.at >= k.at - 100 && e.at <= k.at + KILL_WINDOW_MS));
    const unexplained = result.errors.length - explained.length;
    const growth = rss.length >= 2 ? ((rss[rss.length - 1] - rss[0]) / rss[0]) * 100 : Number.NaN;
    section.figures.push(
      judged('sustained.fds', 'daemon file descriptors, before -> after', `${before.fds} -> ${after.fds}`, '', 'no growth', after.fds <= before.fds),
      judged('sustained.children', 'tunnel processes, before -> after', `${before.tunnels} -> ${after.tunnels}`, '', 'no growth', after.tunnels === before.tunnels),
      judged('sustained.rss', `daemon RSS, first -> last of ${rss.length} samples`, `${fmt.mb(rss[0] ?? 0)} -> ${fmt.mb(rss[rss.length - 1] ?? 0)}`, `${growth.toFixed(1)} %, min–max ${fmt.range(fmt.mb(Math.min(...rss)), fmt.mb(Math.max(...rss)))}`, `<= +${RSS_GROWTH_LIMIT_PCT} %`, growth <= RSS_GROWTH_LIMIT_PCT),
      judged('sustained.errors', 'failed connections not explained by a kill', `${unexplained} of ${result.connections}`, `${explained.length} more within ${KILL_WINDOW_MS / 1000} s of a kill of their service`, '0', unexplained === 0),
      info('sustained.connections', 'connections made (each one echo)', String(result.connections), `${(result.connections / seconds).toFixed(0)} per second`),
    );
    section.facts.push(`RSS samples every ${ctx.plan.sampleEverySeconds} s (MB): ${rss.map((x) => (x / 1024).toFixed(1)).join(', ')}.`);
    section.facts.push(`Kills: ${kills.map((k) => `${k.name} at ${Math.round((k.at - t0) / 1000)} s`).join(', ')}.`);
    const reasons = [...new Set(result.errors.map((e) => e.message))].slice(0, 5);
    if (reasons.length) section.facts.push(`Failed connections said: ${reasons.join(' | ')}.`);
    return section;
  } finally {
    await lp.close();
  }
}

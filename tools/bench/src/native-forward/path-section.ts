import { BenchContext } from '../bench-context';
import { fmt, info, judged, newSection, SectionResult } from '../report/figures';
import { procSample } from '../support/proc-stats';
import { summarize, Summary } from '../support/stats';
import { FakeClusterInfo } from './fake-cluster-process';
import { ForwardPath, plainKubectlPath } from './forward-paths';
import { DAEMON_LIKE_ENV, DAEMON_LIKE_NODE_FLAGS, HostedForwarder, HostedForwardInfo } from './forwarder-process';
import { startNativeChild } from './native-children';

/** Issue 10's data-path targets: native moves at least as many bytes per second as plain kubectl, adds < 0.1 ms p50. */
export const NATIVE_PATH_TARGETS = { throughputRatio: 1.0, addedP50Ms: 0.1 } as const;

const MB = 1024 * 1024;
const TRANSFER_BYTES = 64 * MB;
/** Untimed upload through each path before the rounds: a fresh Node process runs its first tens of MB unoptimized. */
const WARMUP_BYTES = 64 * MB;
const TTFB_PER_ROUND = 10;
/** Rounds of the three paths; kept at 3 even in a full run so `--only native` stays near 3 minutes. */
const ROUNDS = 3;
/** Figure ids of the three paths, in the order they are opened. */
const PATH_IDS = ['native', 'kubectl-forwarder', 'plain'] as const;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface PathSamples {
  mbps: number[];
  p50Us: number[];
  p99Us: number[];
  ttfbMs: number[];
}

/**
 * Native vs the kubectl forwarder vs plain `kubectl port-forward` on `service/app-0:80`, the fake API server (TLS)
 * in a child process, the clients in the load worker, each LocalPort forwarder in a process of its own with the
 * daemon's node flags (as the daemon hosts it). Resolves the section and the
 * RSS of the kubectl forwarder's kubectl process (MB).
 */
export async function measureNativePaths(ctx: BenchContext): Promise<{ section: SectionResult; kubectlRssMb: number }> {
  const section = newSection('Native forwarder (issue 10): data path, native vs the kubectl forwarder vs plain kubectl port-forward');
  const fake = await startNativeChild(['--role', 'fake', '--pods', '1', '--target-port', String(ctx.targetPort)]);
  const stopFake = ctx.cleanup.push('native fake API server', async () => fake.stop());
  const { kubeconfig } = JSON.parse(fake.line) as FakeClusterInfo;
  const paths: ForwardPath[] = [];
  const stopPaths = ctx.cleanup.push('native data paths', async () => void (await Promise.all(paths.map((p) => p.stop()))));
  try {
    paths.push(await hostedPath(kubeconfig, 'native'));
    paths.push(await hostedPath(kubeconfig, 'kubectl'));
    paths.push(await plainKubectlPath(kubeconfig, 'service/app-0'));
    const kubectlRssMb = ((await procSample(paths[1].pid ?? -1))?.rssKb ?? 0) / 1024;
    const samples = paths.map((): PathSamples => ({ mbps: [], p50Us: [], p99Us: [], ttfbMs: [] }));
    const direct: number[] = [];
    for (const p of paths) await ctx.load.call('throughput', { port: p.port, bytes: WARMUP_BYTES, timeoutMs: 120_000 });
    const rounds = ROUNDS;
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < paths.length; k++) {
        const i = (k + round) % paths.length; // each path goes first in turn
        const s = samples[i];
        s.mbps.push((await ctx.load.call<{ mbPerS: number }>('throughput', { port: paths[i].port, bytes: TRANSFER_BYTES, timeoutMs: 120_000 })).mbPerS);
        const ping = await pingPong(ctx, paths[i].port);
        s.p50Us.push(ping.median);
        s.p99Us.push(ping.p99);
        for (let t = 0; t < TTFB_PER_ROUND; t++) {
          s.ttfbMs.push(await ctx.load.call<number>('echoOnce', { port: paths[i].port, timeoutMs: 10_000 }));
          await sleep(100); // a user's requests are apart; it also gives the native spare WebSocket time to reopen
        }
      }
      direct.push((await pingPong(ctx, ctx.targetPort)).median);
      ctx.log(`native paths round ${round + 1}/${rounds}: ${PATH_IDS.map((id, i) => `${id} ${fmt.mbps(samples[i].mbps[round])}`).join(', ')}`);
    }
    report(section, paths, samples, summarize(direct).median);
    section.facts.push(
      `First one untimed ${WARMUP_BYTES / MB} MB upload through each path (the first tens of MB through a fresh Node process run before V8 has optimized the code; a daemon is warm). Then each round (${rounds}), each path in turn (a different one first each round): one ${TRANSFER_BYTES / MB} MB upload to the counting sink, ${ctx.plan.pingIterations} timed ${ctx.plan.pingBytes}-byte ping-pongs on one open connection after ${ctx.plan.pingWarmup} untimed, and ${TTFB_PER_ROUND} new connections 100 ms apart, each timed from connect() to its first echoed byte.`,
      "The native forwarder and the kubectl forwarder (its relay; its kubectl is a child of that) each run behind LocalPort's relay in a process of their own, started with the daemon's node flags and malloc settings (what the daemon runs when a service forwards natively); plain kubectl is its own process; the load generator, the target server and the test API server (TLS) are other processes, so the API server's cost lands on every path alike.",
    );
    return { section, kubectlRssMb };
  } finally {
    await stopPaths();
    await stopFake();
  }
}

/** A LocalPort forwarder in a process of its own (native-forward-main.js --role forward), like the daemon. */
async function hostedPath(kubeconfig: string, forwarder: HostedForwarder): Promise<ForwardPath> {
  const child = await startNativeChild(['--role', 'forward', kubeconfig, forwarder], { nodeFlags: DAEMON_LIKE_NODE_FLAGS, env: DAEMON_LIKE_ENV });
  const info = JSON.parse(child.line) as HostedForwardInfo;
  return { ...info, stop: async () => child.stop() };
}

const pingPong = (ctx: BenchContext, port: number): Promise<Summary> =>
  ctx.load.call<Summary>('pingPong', { port, warmup: ctx.plan.pingWarmup, iterations: ctx.plan.pingIterations, size: ctx.plan.pingBytes, timeoutMs: 60_000 });

function report(section: SectionResult, paths: readonly ForwardPath[], samples: readonly PathSamples[], directUs: number): void {
  const [native, forwarder, plain] = samples.map((s) => ({ mbps: summarize(s.mbps), p50: summarize(s.p50Us), p99: summarize(s.p99Us), ttfb: summarize(s.ttfbMs) }));
  const ms = (us: number): string => fmt.ms(us / 1000);
  [native, forwarder, plain].forEach((s, i) => {
    const id = PATH_IDS[i];
    section.figures.push(
      info(`native.path.${id}.throughput`, `${paths[i].name}: throughput`, fmt.mbps(s.mbps.median), `min–max ${fmt.range(fmt.mbps(s.mbps.min), fmt.mbps(s.mbps.max))}`),
      info(`native.path.${id}.latency`, `${paths[i].name}: round trip p50 / p99`, `${ms(s.p50.median)} / ${ms(s.p99.median)}`, `p50 min–max ${fmt.range(ms(s.p50.min), ms(s.p50.max))}`),
      info(`native.path.${id}.ttfb`, `${paths[i].name}: time to first byte, new connection`, fmt.ms(s.ttfb.median), `p95 ${fmt.ms(s.ttfb.p95)}, n=${s.ttfb.n}`),
    );
  });
  const ratio = native.mbps.median / plain.mbps.median;
  const addedMs = (native.p50.median - plain.p50.median) / 1000;
  section.figures.push(
    judged('native.throughput.ratio', 'throughput native / plain kubectl port-forward', fmt.ratio(ratio), `kubectl forwarder / plain ${fmt.ratio(forwarder.mbps.median / plain.mbps.median)}`, `>= ${NATIVE_PATH_TARGETS.throughputRatio}x`, ratio >= NATIVE_PATH_TARGETS.throughputRatio),
    judged('native.latency.added', 'added p50 round trip, native vs plain kubectl port-forward', fmt.ms(addedMs), `vs no tunnel at all (${ms(directUs)}): +${fmt.ms((native.p50.median - directUs) / 1000)}; kubectl forwarder vs plain ${fmt.ms((forwarder.p50.median - plain.p50.median) / 1000)}`, `< ${NATIVE_PATH_TARGETS.addedP50Ms} ms`, addedMs < NATIVE_PATH_TARGETS.addedP50Ms),
    judged('native.ttfb', 'time to first byte p50, native vs plain kubectl port-forward', `${fmt.ms(native.ttfb.median)} vs ${fmt.ms(plain.ttfb.median)}`, `kubectl forwarder ${fmt.ms(forwarder.ttfb.median)}`, 'native <= plain', native.ttfb.median <= plain.ttfb.median),
  );
}

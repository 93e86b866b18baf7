import { NativeRunningTunnel } from '@localport/infrastructure';
import { BenchContext } from '../bench-context';
import { fmt, info, judged, newSection, SectionResult } from '../report/figures';
import { summarize } from '../support/stats';
import { benchService, ForwardPath, kubectlForwarderPath, nativeLauncher, plainKubectlPath, relayedPath } from './forward-paths';
import { RequestLoop } from './request-loop';
import { describeErrors, servedAgainAfterMs, tallyRequests } from './request-tally';
import { READY_AFTER_MS, RetargetCluster } from './retarget-cluster';

/** Issue 10: no failed request across pod replacements; new connections served within 2 s (p95) of the new pod turning Ready. */
export const NATIVE_RETARGET_TARGETS = { failedRequests: 0, servedAgainP95Ms: 2_000 } as const;

const REPLACEMENTS = 10;
const REQUEST_EVERY_MS = 100;
const REPLACE_EVERY_MS = 1_500;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Pods replaced under a deployment (request loop) and a single pod replaced (time to serve again). */
export async function measureRetarget(ctx: BenchContext): Promise<SectionResult> {
  const section = newSection('Native forwarder (issue 10): pods replaced');
  const cluster = await RetargetCluster.start(ctx.targetPort);
  const closeCluster = ctx.cleanup.push('retarget API server', () => cluster.close());
  try {
    const web = benchService(0, 'deployment', 'web');
    const forwarders: Array<[string, () => Promise<ForwardPath>]> = [
      ['native', () => relayedPath('native', nativeLauncher(cluster.kubeconfig), web)],
      ['kubectl-forwarder', () => kubectlForwarderPath(cluster.kubeconfig, web)],
      ['plain', () => plainKubectlPath(cluster.kubeconfig, 'deployment/web')],
    ];
    for (const [id, make] of forwarders) await replacementLoop(ctx, section, cluster, id, make);
    await singlePod(ctx, section, cluster);
    section.facts.push(
      `Deployment \`web\` with 2 Ready pods; every ${REPLACE_EVERY_MS} ms its oldest pod is deleted and a replacement added NotReady, turning Ready ${READY_AFTER_MS} ms later (${REPLACEMENTS} replacements). A request is a new connection through the forward and one 16-byte echo within 2 s, started every ${REQUEST_EVERY_MS} ms without waiting for the previous one. Pods are replaced through the test API server's state, which it turns into watch events and ends the port-forwards of deleted pods, as a kubelet does.`,
      'The kubectl forwarder is relaunched as soon as its kubectl exits (the daemon would wait out its restart backoff first, so this favours kubectl). Plain kubectl port-forward is pinned to the pod it chose at start and exits when that pod goes.',
    );
    return section;
  } finally {
    await closeCluster();
  }
}

async function replacementLoop(ctx: BenchContext, section: SectionResult, cluster: RetargetCluster, id: string, make: () => Promise<ForwardPath>): Promise<void> {
  cluster.reset();
  const path = await make();
  const stop = ctx.cleanup.push(`retarget path ${id}`, () => path.stop());
  try {
    ctx.log(`native retarget: ${path.name}, ${REPLACEMENTS} pod replacements under a 10 requests/s loop`);
    const loop = new RequestLoop(() => ctx.load.call('echoOnce', { port: path.port, timeoutMs: 2_000 }), REQUEST_EVERY_MS);
    let hits = 0;
    for (let r = 0; r < REPLACEMENTS; r++) {
      await sleep(REPLACE_EVERY_MS - READY_AFTER_MS);
      const targeted = (path as { tunnel?: Partial<NativeRunningTunnel> }).tunnel?.target?.()?.name;
      if ((await cluster.replaceWebPod()) === targeted) hits++;
    }
    await sleep(1_000);
    const t = tallyRequests(await loop.stop());
    const extra = [id === 'native' ? `${hits} of ${REPLACEMENTS} replacements deleted the pod it was sending new connections to` : '', path.relaunches ? `${path.relaunches()} relaunches` : ''].filter(Boolean).join('; ');
    const what = `${path.name}: failed requests across ${REPLACEMENTS} replacements`;
    const value = `${t.failed} of ${t.total}`;
    const spread = `${describeErrors(t.byError)}${extra ? `; ${extra}` : ''}`;
    section.figures.push(
      id === 'native'
        ? judged('native.replace.failed', what, value, spread, `${NATIVE_RETARGET_TARGETS.failedRequests}`, t.failed <= NATIVE_RETARGET_TARGETS.failedRequests)
        : info(`native.replace.${id}.failed`, what, value, spread),
    );
  } finally {
    await stop();
  }
}

async function singlePod(ctx: BenchContext, section: SectionResult, cluster: RetargetCluster): Promise<void> {
  cluster.reset();
  const path = await relayedPath('native', nativeLauncher(cluster.kubeconfig), benchService(0, 'statefulset', 'db'));
  const stop = ctx.cleanup.push('retarget path native db', () => path.stop());
  try {
    ctx.log(`native retarget: single pod (statefulset db) replaced ${REPLACEMENTS} times`);
    const samples: number[] = [];
    for (let r = 0; r < REPLACEMENTS; r++) {
      await sleep(300);
      const loop = new RequestLoop(() => ctx.load.call('echoOnce', { port: path.port, timeoutMs: 10_000 }), 50);
      const readyAt = await cluster.replaceDbPod(300, READY_AFTER_MS);
      await sleep(1_500);
      samples.push(servedAgainAfterMs(readyAt, await loop.stop()) ?? Number.POSITIVE_INFINITY);
    }
    const s = summarize(samples);
    section.figures.push(
      judged('native.single.p95', 'native, single pod replaced: new connections served again after the new pod turned Ready, p95', fmt.ms(s.p95), `median ${fmt.ms(s.median)}, max ${fmt.ms(s.max)}, n=${s.n}`, `<= ${fmt.s(NATIVE_RETARGET_TARGETS.servedAgainP95Ms)}`, s.p95 <= NATIVE_RETARGET_TARGETS.servedAgainP95Ms),
    );
    section.facts.push(
      `Single pod: statefulset \`db\`'s pod deleted, recreated under the same name 300 ms later NotReady, Ready ${READY_AFTER_MS} ms after that; new connections every 50 ms from the deletion on (each may wait up to 10 s, as connect_timeout lets it). The figure is the time from Ready to the first echo that came back after it. Plain kubectl is not measured here: it exits when its pod goes (see the loop above).`,
    );
  } finally {
    await stop();
  }
}

import { rmSync } from 'node:fs';
import { BenchContext } from '../bench-context';
import { fmt, info, judged, newSection, SectionResult } from '../report/figures';
import { FakeClusterInfo } from './fake-cluster-process';
import { NativeScaleReport } from './native-scale';
import { startNativeChild } from './native-children';

/** Issue 10: 200 native services in one daemon under 250 MB RSS (daemon plus children) and 1 % of a core idle. */
export const NATIVE_SCALE_TARGETS = { services: 200, rssMb: 250, idleCpuPct: 1 } as const;

/**
 * 200 NativeKubeTunnelLaunchers with relays in one Node process (what the daemon hosts; this branch's daemon has no
 * `forwarder:` setting yet), against a fake API server of 200 pods in another child. `kubectlRssMb` is one kubectl
 * port-forward process's RSS, for the comparison.
 */
export async function measureNativeScale(ctx: BenchContext, kubectlRssMb: number): Promise<SectionResult> {
  const n = NATIVE_SCALE_TARGETS.services;
  const section = newSection(`Native forwarder (issue 10): ${n} native services in one process`);
  const idle = ctx.plan.quick ? 10 : 20;
  const fake = await startNativeChild(['--role', 'fake', '--pods', String(n)]);
  const { dir } = JSON.parse(fake.line) as FakeClusterInfo;
  const stopFake = ctx.cleanup.push('native scale fake API server', () => {
    fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  try {
    ctx.log(`native scale: ${n} native services in one process, then ${idle} s idle`);
    const child = await startNativeChild(['--role', 'scale', fake.line, '--services', String(n), '--idle', String(idle)]);
    const r = JSON.parse(child.line) as NativeScaleReport;
    section.figures.push(
      judged('native.scale.rss', `RSS of one process hosting ${n} native services (it has no children)`, `${r.withServicesMb.toFixed(1)} MB`, `${r.baselineMb.toFixed(1)} MB loaded with none running; +${(((r.withServicesMb - r.baselineMb) / n) * 1024).toFixed(0)} KB per service; idle peak ${r.idlePeakMb.toFixed(1)} MB`, `< ${NATIVE_SCALE_TARGETS.rssMb} MB`, r.withServicesMb < NATIVE_SCALE_TARGETS.rssMb),
      judged('native.scale.cpu', `idle CPU of that process, ${r.idleSeconds} s`, fmt.pct(r.idleCpuPct), 'of one core; user + system', `< ${NATIVE_SCALE_TARGETS.idleCpuPct} %`, r.idleCpuPct < NATIVE_SCALE_TARGETS.idleCpuPct),
      info('native.scale.kubectl', `the same with the kubectl forwarder: ${n} kubectl processes`, `${((kubectlRssMb * n) / 1024).toFixed(1)} GB`, `one kubectl port-forward measured at ${kubectlRssMb.toFixed(1)} MB RSS`),
    );
    section.facts.push(
      `Measured as ${n} NativeKubeTunnelLaunchers, each behind LocalPort's relay listener, in one Node process: what the daemon will host. This branch has no \`forwarder:\` setting in the config yet, so a real daemon could not be started with native services; the daemon's own modules (supervisor, control socket, health checks) are not in that process.`,
      `Each service sent one 4 KB echo first, so each holds its watch of the target and a spare WebSocket; the process then had ${r.openHandles} open handles. Idle: no client traffic; the forwarders' WebSocket pings (every 10 s) and watches keep running. The fake API server (${n} pods) runs in another process and is not counted.`,
    );
    return section;
  } finally {
    await stopFake();
  }
}

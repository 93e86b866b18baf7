import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ServiceStatusView } from '@localport/application';
import { massConfigYaml, pollStatus } from '@localport/testing/control';
import { freePortBlock } from '@localport/testing/net';
import { BenchContext } from '../bench-context';
import { SectionResult } from '../report/figures';
import { forceStop } from '../setup/localport-run';
import { DaemonWatch } from '../support/daemon-watch';
import { LocalportCli } from '../support/localport-cli';
import { massSection } from './mass-figures';

const MANY = 2_000;
/** How often the bench reads status to see a reload done (the e2e test's interval). */
const WAIT_EVERY_MS = 150;

const running = (want: number) => (services: readonly ServiceStatusView[]) => services.length === want && services.every((s) => s.state === 'running');

/**
 * Issue 11: a daemon with 2 tcp services hot-reloads to 2,000 and back while `status` is polled back to back over
 * the control socket; every request must be answered within 100 ms. The scenario of
 * apps/cli-e2e/src/mass-config.spec.ts, which checks only that every status is answered.
 */
export async function runMassPhase(ctx: BenchContext): Promise<SectionResult> {
  const ports = await freePortBlock(MANY);
  const configPath = ctx.workspace.file('mass.yaml');
  const write = (count: number) => writeFileSync(configPath, massConfigYaml(ports.slice(0, count), ctx.targetPort));
  write(2);
  const setup = ctx.workspace.setup('mass', configPath);
  const cli = new LocalportCli(ctx.cliPath, setup.env);
  const teardown = ctx.cleanup.push('daemon mass', () => forceStop(cli, join(setup.home, 'run', 'daemon.pid')));
  let watch: DaemonWatch | null = null;
  try {
    ctx.log('mass: starting LocalPort with 2 tcp services');
    await cli.expect(['start', '--all', '--wait', '--timeout', '30'], 90_000);
    watch = await DaemonWatch.connect(setup.socketPath);
    const w = watch;
    const loadBefore = loadavg()[0];
    // Each request may take up to the CLI's own request timeout (30 s) before it counts as unanswered.
    const poller = await pollStatus(setup.socketPath, 30_000);
    const t0 = performance.now();
    const at = () => performance.now() - t0;
    let report: Awaited<ReturnType<typeof poller.stop>> | null = null;
    try {
      ctx.log(`mass: reloading to ${MANY} services`);
      const upAtMs = at();
      write(MANY);
      let all: readonly ServiceStatusView[] = [];
      await w.waitFor((services) => ((all = services), running(MANY)(services)), 120_000, `all ${MANY} services running`, WAIT_EVERY_MS);
      const upDoneAtMs = at();
      // The size of a status reply listing every service, near enough: its services as the bench parsed them, in JSON
      // again (asking the daemon once more would be one request more than the scenario makes).
      const statusBytes = Buffer.byteLength(JSON.stringify(all));
      ctx.log(`mass: ${MANY} running after ${((upDoneAtMs - upAtMs) / 1000).toFixed(1)} s; reloading back to 2`);
      const downAtMs = at();
      write(2);
      await w.waitFor(running(2), 60_000, 'back to 2 services', WAIT_EVERY_MS);
      const downDoneAtMs = at();
      report = await poller.stop();
      const { summary, errors } = report;
      ctx.log(`mass: status x${summary.count}: p50 ${summary.p50} ms, p99 ${summary.p99} ms, max ${summary.max} ms, ${errors.length} unanswered`);
      return massSection({ services: MANY, upAtMs, upDoneAtMs, downAtMs, downDoneAtMs, summary, errors, statusBytes, loadBefore, loadAfter: loadavg()[0] });
    } finally {
      if (!report) await poller.stop().catch(() => undefined);
    }
  } finally {
    watch?.close();
    await teardown();
  }
}

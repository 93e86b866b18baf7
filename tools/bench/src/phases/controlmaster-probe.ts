import { BenchContext } from '../bench-context';
import { LocalportRun } from '../setup/localport-run';
import { serviceMix } from '../setup/service-mix';
import { isUp } from '../support/daemon-watch';

/** What the ControlMaster check found; `works` decides whether the scale run multiplexes its ssh services. */
export interface ControlMasterFinding {
  readonly works: boolean;
  readonly options: Readonly<Record<string, string>>;
  readonly fact: string;
}

/**
 * Three ssh services meant to share one connection through `ssh_options` ControlMaster=auto/ControlPath, as a user
 * would write them. The first starts alone (its ssh becomes the master), then the other two; a few seconds later it
 * works if all are running and healthy and none restarted. (Started all at once, every ssh finds no master yet and
 * opens its own connection, which hides the problem until the first restart.)
 */
export async function probeControlMaster(ctx: BenchContext): Promise<ControlMasterFinding> {
  const options = { ControlMaster: 'auto', ControlPath: ctx.workspace.file('cm-%C'), ControlPersist: 'no' };
  const services = (await serviceMix('cm', 6, options)).filter((s) => s.technology === 'ssh');
  const lp = await LocalportRun.start(ctx, 'controlmaster', services, 15, [services[0].name]);
  try {
    await lp.cli.run(['start', ...services.slice(1).map((s) => s.name), '--wait', '--timeout', '5'], 30_000);
    await new Promise((r) => setTimeout(r, 3_000));
    const report = await lp.watch.status();
    const works = report.services.every((s) => isUp(s) && s.restarts === 0);
    const states = report.services.map((s) => `${s.name}: ${s.state}, ${s.restarts} restarts${s.lastError ? `, last error "${s.lastError}"` : ''}`).join('; ');
    const verdict = works
      ? 'ssh services share one connection through ssh_options ControlMaster=auto, so the scale run uses it.'
      : 'ssh_options ControlMaster=auto does not work with the ssh launcher: a second `ssh -N -L` becomes a mux client, hands its forward to the master and exits 0 at once, which the supervisor takes for a dead tunnel. The scale run uses one connection per ssh service.';
    return { works, options, fact: `ControlMaster check (3 ssh services, the first started alone): ${states}. ${verdict}` };
  } finally {
    await lp.close();
  }
}

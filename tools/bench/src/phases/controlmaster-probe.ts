import { BenchContext } from '../bench-context';
import { LocalportRun } from '../setup/localport-run';
import { serviceMix } from '../setup/service-mix';
import { isUp } from '../support/daemon-watch';

/** What the ControlMaster check found; `works` decides whether the scale run keeps those ssh_options. */
export interface ControlMasterFinding {
  readonly works: boolean;
  readonly options: Readonly<Record<string, string>>;
  readonly fact: string;
}

/**
 * Three ssh services with `ssh_options` ControlMaster=auto/ControlPath, as a user's ~/.ssh/config often has them.
 * The first starts alone (it would become the master), then the other two; a few seconds later it works if all are
 * running and healthy and none restarted. The launcher turns multiplexing off for tunnels, so each keeps its own
 * connection. (Started all at once, every ssh finds no master yet, which would hide a mux client exiting at once.)
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
      ? 'ssh services configured with ControlMaster=auto all stay up: the launcher overrides it (ControlMaster=no, ControlPath=none), so each tunnel is its own ssh connection, and so is each in the scale run.'
      : 'ssh services configured with ControlMaster=auto did not all stay up (states above), although the launcher passes ControlMaster=no and ControlPath=none ahead of them. The scale run uses one connection per ssh service without those options.';
    return { works, options, fact: `ControlMaster check (3 ssh services, the first started alone): ${states}. ${verdict}` };
  } finally {
    await lp.close();
  }
}

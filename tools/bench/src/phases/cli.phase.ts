import { BenchContext } from '../bench-context';
import { fmt, info, judged, newSection, SectionResult } from '../report/figures';
import { LocalportRun } from '../setup/localport-run';
import { serviceMix } from '../setup/service-mix';
import { timedRun, TimedRun } from '../support/localport-cli';
import { procSample } from '../support/proc-stats';
import { summarize } from '../support/stats';

/** Target of issue 6: `localport status -o json` answers within 0.3 s (median, daemon running with 50 services). */
export const STATUS_TARGET_MS = 300;

/** Target of issue 13: `status` costs at most this many times a bare `node -e 0`. */
export const STATUS_RATIO_TARGET = 1.3;

/** Measurement 4: wall time of `localport --version` and `localport status -o json` next to `node -e 0`, interleaved. */
export async function runCliPhase(ctx: BenchContext): Promise<SectionResult> {
  const section = newSection('CLI');
  const n = ctx.plan.cliServices;
  ctx.log(`cli: starting LocalPort with ${n} services`);
  const lp = await LocalportRun.start(ctx, 'cli', await serviceMix('cli', n), 180);
  try {
    section.facts.push(`${n} services (half ssh, half kubectl) came up with \`start --all --wait\` in ${fmt.s(lp.started.ms)}; daemon RSS then ${fmt.mb((await procSample(lp.daemonPid))?.rssKb ?? 0)}.`);
    const commands: [string, () => Promise<TimedRun>][] = [
      ['node -e 0', () => timedRun(process.execPath, ['-e', '0'], process.env)],
      ['localport --version', () => lp.cli.run(['--version'])],
      ['localport status -o json', () => lp.cli.run(['status', '-o', 'json'])],
      ['localport status', () => lp.cli.run(['status', '--no-color'])],
    ];
    const times = new Map<string, number[]>(commands.map(([name]) => [name, []]));
    for (let i = 0; i < ctx.plan.cliRuns; i++) {
      for (let k = 0; k < commands.length; k++) {
        const [name, run] = commands[(i + k) % commands.length];
        const r = await run();
        if (r.code !== 0) throw new Error(`${name} exited with ${r.code}: ${r.stderr.trim()}`);
        if (name.endsWith('-o json') && (JSON.parse(r.stdout) as { services: unknown[] }).services.length !== n) throw new Error(`status -o json did not list ${n} services`);
        times.get(name)!.push(r.ms);
      }
    }
    const spread = (xs: number[]) => {
      const s = summarize(xs);
      return `min–max ${fmt.range(fmt.ms(s.min), fmt.ms(s.max))}, p95 ${fmt.ms(s.p95)}`;
    };
    const med = (name: string) => summarize(times.get(name)!).median;
    section.figures.push(
      info('cli.node', `node -e 0 (median of ${ctx.plan.cliRuns})`, fmt.ms(med('node -e 0')), spread(times.get('node -e 0')!)),
      info('cli.version', 'localport --version', fmt.ms(med('localport --version')), spread(times.get('localport --version')!)),
      judged('cli.status', `localport status -o json (${n} services; Python 0.3.7.3: 1.04 s with 50)`, fmt.ms(med('localport status -o json')), spread(times.get('localport status -o json')!), `< ${STATUS_TARGET_MS / 1000} s`, med('localport status -o json') < STATUS_TARGET_MS),
    );
    const ratio = med('localport status -o json') / med('node -e 0');
    section.figures.push(
      judged('cli.status.ratio', 'localport status -o json / node -e 0 (issue 13; Python 0.3.7.3 took 1.04 s)', fmt.ratio(ratio), 'medians', `<= ${STATUS_RATIO_TARGET}x`, ratio <= STATUS_RATIO_TARGET),
      info('cli.status.table', `localport status, the table (${n} services)`, fmt.ms(med('localport status')), `${fmt.ratio(med('localport status') / med('node -e 0'))} of node -e 0; ${spread(times.get('localport status')!)}`),
    );
    const socket: number[] = [];
    for (let i = 0; i < ctx.plan.cliRuns; i++) {
      const t = performance.now();
      await lp.watch.status();
      socket.push(performance.now() - t);
    }
    const s = summarize(socket);
    section.figures.push(info('cli.socket', 'the status request alone, over the control socket (no process start)', fmt.ms(s.median), `min–max ${fmt.range(fmt.ms(s.min), fmt.ms(s.max))}`));
    section.facts.push('Wall time from spawn to exit, measured by the bench; the four commands take turns so machine noise hits them alike.');
    return section;
  } finally {
    await lp.close();
  }
}

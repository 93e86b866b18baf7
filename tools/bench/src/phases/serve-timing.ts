import { readFileSync } from 'node:fs';
import { BenchContext } from '../bench-context';
import { summarize } from '../support/stats';

/** When the services served, relative to the command that started them: the first, the median and the last one (ms). */
export interface ServeTimes {
  readonly firstMs: number;
  readonly medianMs: number;
  readonly lastMs: number;
}

/** Runs `command` while the load worker probes every port with an echo; resolves when each port answered once. */
export async function timeToServe(ctx: BenchContext, command: () => Promise<unknown>, ports: readonly number[]): Promise<ServeTimes> {
  const t0 = Date.now();
  const echoes = ctx.load.call<(number | null)[]>('firstEchoes', { ports, attemptTimeoutMs: 2_000, deadlineMs: 60_000 });
  try {
    await command();
  } catch (e) {
    echoes.catch(() => undefined); // the probes may outlive the failed command; their end is of no interest now
    throw e;
  }
  const at = await echoes;
  const missing = at.filter((t) => t === null).length;
  if (missing > 0) throw new Error(`${missing} of ${ports.length} ports never served within 60 s`);
  const s = summarize(at.map((t) => t! - t0));
  return { firstMs: s.min, medianMs: s.median, lastMs: s.max };
}

/** The daemon's pid from its pid file. */
export function readPid(pidFile: string): number {
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid)) throw new Error(`no daemon pid in ${pidFile}`);
  return pid;
}

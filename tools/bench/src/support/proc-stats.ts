import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

/** One process as /proc shows it. CPU times are in seconds. */
export interface ProcSample {
  readonly pid: number;
  readonly ppid: number;
  readonly comm: string;
  readonly rssKb: number;
  readonly cpuSeconds: number;
  /** CPU of children this process has waited for (cutime + cstime), e.g. short-lived commands that already ended. */
  readonly reapedChildCpuSeconds: number;
  /** argv joined by spaces. */
  readonly cmdline: string;
}

let ticksPerSecond = 100;

/** Reads the kernel's clock-tick rate (`getconf CLK_TCK`) once; /proc times are counted in those ticks. */
export function loadClockTicks(): Promise<void> {
  return new Promise((resolve) =>
    execFile('getconf', ['CLK_TCK'], (error, stdout) => {
      const n = Number(stdout.trim());
      if (!error && n > 0) ticksPerSecond = n;
      resolve();
    }),
  );
}

/** The process, or null when it is gone. */
export async function procSample(pid: number): Promise<ProcSample | null> {
  try {
    const [stat, status, cmdline] = await Promise.all([readFile(`/proc/${pid}/stat`, 'utf8'), readFile(`/proc/${pid}/status`, 'utf8'), readFile(`/proc/${pid}/cmdline`, 'utf8')]);
    // comm may hold spaces and parentheses; the fields after the last ')' are fixed.
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const f = stat.slice(close + 2).split(' ');
    const rss = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return {
      pid, ppid: Number(f[1]), comm, rssKb: rss ? Number(rss[1]) : 0, cpuSeconds: (Number(f[11]) + Number(f[12])) / ticksPerSecond,
      reapedChildCpuSeconds: (Number(f[13]) + Number(f[14])) / ticksPerSecond, cmdline: cmdline.split('\0').join(' ').trim(),
    };
  } catch {
    return null;
  }
}

/** Live direct children of `pid`, found by scanning /proc for their parent id. */
export async function childrenOf(pid: number): Promise<ProcSample[]> {
  const entries = await readdir('/proc');
  const samples = await Promise.all(entries.filter((e) => /^\d+$/.test(e)).map((e) => procSample(Number(e))));
  return samples.filter((s): s is ProcSample => s !== null && s.ppid === pid);
}

/** Open file descriptors of `pid` (entries of /proc/<pid>/fd); -1 when it cannot be read. */
export async function fdCount(pid: number): Promise<number> {
  try {
    return (await readdir(`/proc/${pid}/fd`)).length;
  } catch {
    return -1;
  }
}

/** True while a process with this pid exists and is not a zombie. */
export async function isAlive(pid: number): Promise<boolean> {
  const state = await readFile(`/proc/${pid}/stat`, 'utf8').then((t) => t.charAt(t.lastIndexOf(')') + 2), () => 'X');
  return state !== 'Z' && state !== 'X';
}

/** The daemon's tunnel processes among `children`: `kubectl port-forward` and `ssh`. */
export const tunnelKind = (p: ProcSample): 'kubectl' | 'ssh' | null => (p.cmdline.includes('port-forward') ? 'kubectl' : p.comm === 'ssh' ? 'ssh' : null);

/** Totals of a set of processes. */
export const totals = (xs: readonly ProcSample[]) => ({ count: xs.length, rssKb: xs.reduce((a, s) => a + s.rssKb, 0), cpuSeconds: xs.reduce((a, s) => a + s.cpuSeconds, 0) });

/** The whole machine's CPU time so far (all cores), in seconds: busy (not idle, not iowait) and total. */
export async function machineCpu(): Promise<{ busy: number; total: number }> {
  const first = (await readFile('/proc/stat', 'utf8')).split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = first.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: (total - first[3] - first[4]) / ticksPerSecond, total: total / ticksPerSecond };
}

/** CPU time `pid` has run so far, in seconds, to the nanosecond (/proc/<pid>/schedstat); null when it is gone. */
export async function schedCpuSeconds(pid: number): Promise<number | null> {
  try {
    return Number((await readFile(`/proc/${pid}/schedstat`, 'utf8')).split(' ')[0]) / 1e9;
  } catch {
    return null;
  }
}

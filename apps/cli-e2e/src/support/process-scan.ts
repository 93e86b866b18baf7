import { readdirSync, readFileSync } from 'node:fs';

/** A live process as /proc shows it. */
export interface ProcInfo {
  readonly pid: number;
  readonly ppid: number;
  /** argv joined by spaces. */
  readonly cmdline: string;
}

const read = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

/** Every live process's pid, parent pid and command line (zombies excluded). */
export function listProcesses(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = read(`/proc/${name}/stat`);
    if (!stat) continue;
    // Fields after the parenthesised command name: state ppid ...
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (rest[0] === 'Z') continue;
    out.push({ pid: Number(name), ppid: Number(rest[1]), cmdline: (read(`/proc/${name}/cmdline`) ?? '').split('\0').join(' ').trim() });
  }
  return out;
}

/** Live processes whose environment holds `key=value` exactly (what a daemon and its children inherit). */
export function processesWithEnv(key: string, value: string): ProcInfo[] {
  const needle = `${key}=${value}`;
  return listProcesses().filter((p) => p.pid !== process.pid && (read(`/proc/${p.pid}/environ`) ?? '').split('\0').includes(needle));
}

/** Live children of `ppid`. */
export function childrenOf(ppid: number): ProcInfo[] {
  return listProcesses().filter((p) => p.ppid === ppid);
}

/** True while `pid` exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  const stat = read(`/proc/${pid}/stat`);
  return stat !== null && stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}

/** SIGKILLs every listed process that still runs; returns the pids it killed. */
export function killAll(procs: readonly ProcInfo[]): number[] {
  const killed: number[] = [];
  for (const p of procs) {
    try {
      process.kill(p.pid, 'SIGKILL');
      killed.push(p.pid);
    } catch {
      // already gone
    }
  }
  return killed;
}

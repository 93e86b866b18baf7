import { execFile } from 'node:child_process';

/** Pids of every live descendant of `root` (children first), from `ps`; works on Linux and macOS. */
export function descendantsOf(root: number): Promise<number[]> {
  return new Promise((resolve) => {
    execFile('ps', ['-A', '-o', 'pid=,ppid='], (error, stdout) => {
      if (error) return resolve([]);
      const children = new Map<number, number[]>();
      for (const row of stdout.split('\n')) {
        const [pid, ppid] = row.trim().split(/\s+/).map(Number);
        if (!pid || ppid === undefined) continue;
        children.set(ppid, [...(children.get(ppid) ?? []), pid]);
      }
      const found: number[] = [];
      const walk = (pid: number) => {
        for (const child of children.get(pid) ?? []) {
          found.push(child);
          walk(child);
        }
      };
      walk(root);
      resolve(found);
    });
  });
}

/** Sends a signal, ignoring processes that are already gone. */
export function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // gone already
  }
}

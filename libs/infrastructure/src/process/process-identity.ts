import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/**
 * What tells one process apart from a later one that reuses its pid: its command line and its start time.
 * On Linux `argv` is exact (from /proc); on macOS only the space-joined `command` is known (from ps).
 */
export interface ProcessIdentity {
  readonly argv?: readonly string[];
  readonly command: string;
  /** Opaque; equal only for the same process (Linux: boot id + start ticks; macOS: ps lstart). */
  readonly startToken: string;
}

/** Reads a live process's identity, or null when there is no such process (or it is a zombie). */
export async function readProcessIdentity(pid: number): Promise<ProcessIdentity | null> {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return process.platform === 'linux' ? readLinuxIdentity(pid) : readPsIdentity(pid);
}

/** Whether a recorded command line is the one a process runs now. */
export function runsCommand(identity: ProcessIdentity, argv: readonly string[]): boolean {
  if (identity.argv) return identity.argv.length === argv.length && identity.argv.every((a, i) => a === argv[i]);
  return identity.command === argv.join(' ');
}

let bootId: Promise<string> | undefined;
const readBootId = () => (bootId ??= readFile('/proc/sys/kernel/random/boot_id', 'utf8').then((s) => s.trim(), () => 'unknown-boot'));

async function readLinuxIdentity(pid: number): Promise<ProcessIdentity | null> {
  try {
    const [cmdline, stat] = await Promise.all([readFile(`/proc/${pid}/cmdline`, 'utf8'), readFile(`/proc/${pid}/stat`, 'utf8')]);
    // comm (field 2) may hold spaces and parentheses: count fields from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    const startTicks = fields[19];
    if (state === 'Z' || state === 'X' || !startTicks || cmdline === '') return null;
    const argv = cmdline.split('\0');
    if (argv[argv.length - 1] === '') argv.pop();
    return { argv, command: argv.join(' '), startToken: `${await readBootId()}:${startTicks}` };
  } catch {
    return null;
  }
}

function readPsIdentity(pid: number): Promise<ProcessIdentity | null> {
  return new Promise((resolve) => {
    execFile('ps', ['-o', 'lstart=,command=', '-p', String(pid)], { env: { ...process.env, LC_ALL: 'C' } }, (error, stdout) => {
      const line = stdout.split('\n')[0] ?? '';
      // lstart is fixed width: "Mon Jan  1 00:00:00 2024".
      if (error || line.length <= 25 || line.includes('<defunct>')) return resolve(null);
      resolve({ command: line.slice(25).trim(), startToken: line.slice(0, 24).trim() });
    });
  });
}

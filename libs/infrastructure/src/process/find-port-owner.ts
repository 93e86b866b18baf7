import { execFile } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';

/** The process listening on a TCP port. */
export interface PortOwner {
  readonly pid: number;
  readonly command: string;
}

/**
 * Finds which process listens on a TCP port (any address), or null when none can be seen
 * (nothing listens, or it belongs to a user whose processes we may not inspect).
 */
export async function findPortOwner(port: number): Promise<PortOwner | null> {
  return process.platform === 'linux' ? findOnLinux(port) : findWithLsof(port);
}

const TCP_LISTEN = '0A';

/** Socket inodes listening on `port`, from the /proc/net/tcp{,6} tables. */
export function listeningInodes(table: string, port: number): string[] {
  const inodes: string[] = [];
  for (const row of table.split('\n').slice(1)) {
    const cols = row.trim().split(/\s+/);
    const local = cols[1];
    if (!local || cols[3] !== TCP_LISTEN) continue;
    if (parseInt(local.slice(local.lastIndexOf(':') + 1), 16) === port && cols[9] && cols[9] !== '0') inodes.push(cols[9]);
  }
  return inodes;
}

async function findOnLinux(port: number): Promise<PortOwner | null> {
  const tables = await Promise.all(['/proc/net/tcp', '/proc/net/tcp6'].map((f) => readFile(f, 'utf8').catch(() => '')));
  const targets = new Set(tables.flatMap((t) => listeningInodes(t, port)).map((inode) => `socket:[${inode}]`));
  if (targets.size === 0) return null;
  const pids = (await readdir('/proc')).filter((d) => /^\d+$/.test(d));
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      if (targets.has(link)) return { pid: Number(pid), command: await linuxCommand(pid) };
    }
  }
  return null;
}

async function linuxCommand(pid: string): Promise<string> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (cmdline) return cmdline.replace(/\0+$/, '').split('\0').join(' ');
  return (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '?')).trim();
}

const run = (file: string, args: string[]) =>
  new Promise<string>((resolve) => execFile(file, args, { env: { ...process.env, LC_ALL: 'C' } }, (_error, stdout) => resolve(stdout ?? '')));

async function findWithLsof(port: number): Promise<PortOwner | null> {
  const out = await run('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpc']);
  const pidLine = out.split('\n').find((l) => l.startsWith('p'));
  if (!pidLine) return null;
  const pid = Number(pidLine.slice(1));
  const command = (await run('ps', ['-o', 'command=', '-p', String(pid)])).trim() || (out.split('\n').find((l) => l.startsWith('c'))?.slice(1) ?? '?');
  return { pid, command };
}

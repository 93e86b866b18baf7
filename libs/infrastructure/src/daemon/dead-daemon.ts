import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalportPaths } from '../paths/localport-paths';
import { ChildProcessLedger } from '../process/child-process-ledger';
import { readProcessIdentity } from '../process/process-identity';

/** A tunnel process a dead daemon started that still runs (same pid, command line and start time as recorded). */
export interface OrphanedTunnel {
  readonly pid: number;
  readonly command: string;
}

/** A daemon that ended without shutting down (kill -9, a crash, an OOM kill): what it left behind. */
export interface DeadDaemon {
  readonly pid: number;
  /** ISO time it took the lock, when known. */
  readonly startedAt?: string;
  /** Its files still on disk: the lock, the pid file, the control socket. */
  readonly staleFiles: readonly string[];
  readonly orphans: readonly OrphanedTunnel[];
}

/** Where the daemon records the pids of its tunnel processes, for the next daemon to reap after a crash. */
export const childLedgerFile = (paths: LocalportPaths): string => join(paths.stateDir, 'children.json');

/**
 * The daemon of this LocalPort home that died without a clean shutdown, or null when none did. A clean
 * shutdown removes the lock and pid files; a daemon that is alive (or still starting) is not dead. Reads only.
 */
export async function findDeadDaemon(paths: LocalportPaths): Promise<DeadDaemon | null> {
  const owner = readOwner(paths);
  if (!owner) return null;
  const identity = await readProcessIdentity(owner.pid);
  if (identity && (owner.startToken === undefined || identity.startToken === owner.startToken)) return null;
  const staleFiles = [paths.lockFile, paths.pidFile, paths.socketPath].filter((f) => existsSync(f));
  const survivors = await new ChildProcessLedger(childLedgerFile(paths)).survivors();
  return {
    pid: owner.pid,
    ...(owner.startedAt ? { startedAt: owner.startedAt } : {}),
    staleFiles,
    orphans: survivors.map((e) => ({ pid: e.pid, command: e.argv.join(' ') })),
  };
}

interface Owner {
  readonly pid: number;
  readonly startToken?: string;
  readonly startedAt?: string;
}

/** The lock's record ({pid, startToken, startedAt}), else the pid file's pid; null when neither holds one. */
function readOwner(paths: LocalportPaths): Owner | null {
  try {
    const record = JSON.parse(readFileSync(paths.lockFile, 'utf8')) as Partial<Owner>;
    if (Number.isInteger(record.pid)) return { pid: record.pid as number, startToken: record.startToken, startedAt: record.startedAt };
  } catch {
    // No lock, or one being written this instant: fall back to the pid file.
  }
  try {
    const pid = Number(readFileSync(paths.pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? { pid } : null;
  } catch {
    return null;
  }
}

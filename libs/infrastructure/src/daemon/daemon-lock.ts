import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { err, LocalportError, ok, Result } from '@localport/domain';
import { readProcessIdentity } from '../process/process-identity';

/** Another daemon already runs for this LOCALPORT_HOME. */
export class DaemonAlreadyRunningError extends LocalportError {
  readonly code = 'DAEMON.ALREADY_RUNNING';
  constructor(readonly pid: number) {
    super(`a LocalPort daemon is already running (pid ${pid})`);
  }
}

interface LockRecord {
  readonly pid: number;
  readonly startToken: string;
  readonly startedAt: string;
}

/**
 * One daemon per LocalPort home: a lock file holding the owner's pid and process start time.
 * A stale file (dead pid, or a recycled pid now running something else) is taken over.
 */
export class DaemonLock {
  private held = false;

  constructor(private readonly file: string) {}

  async acquire(): Promise<Result<void, DaemonAlreadyRunningError>> {
    const me = await readProcessIdentity(process.pid);
    const record: LockRecord = { pid: process.pid, startToken: me?.startToken ?? 'unknown', startedAt: new Date().toISOString() };
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fd = openSync(this.file, 'wx', 0o600);
        writeSync(fd, JSON.stringify(record));
        closeSync(fd);
        this.held = true;
        return ok(undefined);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const owner = await DaemonLock.owner(this.file);
      if (owner !== null) return err(new DaemonAlreadyRunningError(owner));
      // Stale: move it aside atomically so two starting daemons cannot both remove it.
      try {
        renameSync(this.file, `${this.file}.stale-${process.pid}`);
        rmSync(`${this.file}.stale-${process.pid}`, { force: true });
      } catch {
        /* someone else took it over first; try again */
      }
    }
    const owner = await DaemonLock.owner(this.file);
    return err(new DaemonAlreadyRunningError(owner ?? -1));
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    try {
      const record = JSON.parse(readFileSync(this.file, 'utf8')) as LockRecord;
      if (record.pid === process.pid) rmSync(this.file, { force: true });
    } catch {
      /* already gone */
    }
  }

  /** The pid of the live daemon holding `file`, or null when the lock is free or stale. */
  static async owner(file: string): Promise<number | null> {
    let record: LockRecord;
    try {
      record = JSON.parse(readFileSync(file, 'utf8')) as LockRecord;
    } catch {
      return null;
    }
    const identity = await readProcessIdentity(record.pid);
    return identity && identity.startToken === record.startToken ? record.pid : null;
  }
}

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ProcessIdentity, readProcessIdentity, runsCommand } from './process-identity';

/** One child the daemon started, as recorded on disk. */
export interface LedgerEntry {
  readonly pid: number;
  readonly argv: readonly string[];
  /** ISO time the daemon recorded it. */
  readonly startedAt: string;
  readonly startToken: string;
}

/** What `reapOrphans` did with each recorded child. */
export interface ReapReport {
  readonly killed: readonly LedgerEntry[];
  readonly gone: readonly LedgerEntry[];
  readonly refused: readonly { readonly entry: LedgerEntry; readonly reason: string }[];
}

/**
 * Records the pids of the daemon's children in a JSON file (written atomically), so that after a crash the
 * next daemon can kill the ones still running, and only after checking they are really the same processes.
 */
export class ChildProcessLedger {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly identify: (pid: number) => Promise<ProcessIdentity | null> = readProcessIdentity,
  ) {}

  /** Records a running child; a child that is already gone is not recorded. */
  record(pid: number, argv: readonly string[]): Promise<void> {
    return this.update(async (entries) => {
      const identity = await this.identify(pid);
      if (!identity) return entries;
      const entry: LedgerEntry = { pid, argv: [...argv], startedAt: new Date().toISOString(), startToken: identity.startToken };
      return [...entries.filter((e) => e.pid !== pid), entry];
    });
  }

  /** Drops a child that has ended. */
  forget(pid: number): Promise<void> {
    return this.update(async (entries) => entries.filter((e) => e.pid !== pid));
  }

  /** The children currently recorded. */
  async entries(): Promise<readonly LedgerEntry[]> {
    await this.queue.catch(() => undefined);
    return this.read();
  }

  /** Recorded children that still run: same command line, same start time (read only; nothing is killed). */
  async survivors(): Promise<readonly LedgerEntry[]> {
    const alive: LedgerEntry[] = [];
    for (const entry of await this.entries()) {
      const identity = entry.pid === process.pid ? null : await this.identify(entry.pid);
      if (identity && runsCommand(identity, entry.argv) && identity.startToken === entry.startToken) alive.push(entry);
    }
    return alive;
  }

  /**
   * Kills recorded children that still run the recorded command line since the recorded start time
   * (SIGTERM, then SIGKILL after `graceMs`), and clears them from the file. Others are left alone.
   */
  async reapOrphans(graceMs = 2_000): Promise<ReapReport> {
    const killed: LedgerEntry[] = [];
    const gone: LedgerEntry[] = [];
    const refused: { entry: LedgerEntry; reason: string }[] = [];
    const handled = new Set<number>();
    for (const entry of await this.entries()) {
      handled.add(entry.pid);
      const identity = entry.pid === process.pid ? null : await this.identify(entry.pid);
      if (!identity) gone.push(entry);
      else if (!runsCommand(identity, entry.argv)) refused.push({ entry, reason: `pid ${entry.pid} now runs "${identity.command}"` });
      else if (identity.startToken !== entry.startToken) refused.push({ entry, reason: `pid ${entry.pid} was started after it was recorded` });
      else {
        await this.terminate(entry, identity, graceMs);
        killed.push(entry);
      }
    }
    await this.update(async (entries) => entries.filter((e) => !handled.has(e.pid)));
    return { killed, gone, refused };
  }

  private async terminate(entry: LedgerEntry, identity: ProcessIdentity, graceMs: number): Promise<void> {
    const stillSame = async () => {
      const now = await this.identify(entry.pid);
      return now !== null && now.startToken === identity.startToken;
    };
    signal(entry.pid, 'SIGTERM');
    // Not our child any more, so there is no exit event to await: poll until it is gone.
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline && (await stillSame())) await delay(50);
    if (await stillSame()) signal(entry.pid, 'SIGKILL');
  }

  private update(change: (entries: readonly LedgerEntry[]) => Promise<readonly LedgerEntry[]>): Promise<void> {
    const next = this.queue.catch(() => undefined).then(async () => this.write(await change(await this.read())));
    this.queue = next;
    return next;
  }

  private async read(): Promise<readonly LedgerEntry[]> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.file, 'utf8'));
      const children = (parsed as { children?: unknown }).children;
      return Array.isArray(children) ? children.filter(isEntry) : [];
    } catch {
      return [];
    }
  }

  private async write(entries: readonly LedgerEntry[]): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, JSON.stringify({ version: 1, children: entries }, null, 2) + '\n', { mode: 0o600 });
    await rename(tmp, this.file);
  }
}

const isEntry = (e: unknown): e is LedgerEntry => {
  const x = e as Partial<LedgerEntry> | null;
  return !!x && Number.isInteger(x.pid) && Array.isArray(x.argv) && x.argv.every((a) => typeof a === 'string') && typeof x.startToken === 'string';
};

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

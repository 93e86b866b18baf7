import { closeSync, fstatSync, FSWatcher, openSync, watch } from 'node:fs';
import { FileHandle, open, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

/** How `followLog` starts and how often it double-checks the file when no change event arrives. */
export interface FollowLogOptions {
  /** Emit the whole current file first instead of starting at its end. Default false. */
  readonly fromStart?: boolean;
  /** Safety poll for missed file-system events; default 1000 ms. */
  readonly pollMs?: number;
}

/**
 * Streams lines appended to `file` to `onLine` until `signal` aborts (like `tail -F`): watches the
 * directory, reads from the last offset, and follows the name across rotation and truncation.
 * Waits for the file when it does not exist yet. Resolves after the signal aborts.
 */
export async function followLog(file: string, onLine: (line: string) => void, signal: AbortSignal, options: FollowLogOptions = {}): Promise<void> {
  if (signal.aborted) return;
  const follower = new LogFollower(file, onLine, options.fromStart ?? false);
  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(dirname(file), (_event, name) => {
      if (!name || name.toString() === basename(file)) follower.pump();
    });
    watcher.on('error', () => undefined);
  } catch {
    // Without a watcher the poll below still follows the file.
  }
  const poll = setInterval(() => follower.pump(), options.pollMs ?? 1000);
  follower.pump();
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  clearInterval(poll);
  watcher?.close();
  await follower.stop();
}

/** Reads one file by name from an offset, re-opening it when the name points to a new file. */
class LogFollower {
  private handle: FileHandle | null = null;
  private ino = 0;
  private offset = 0;
  /** Where the file ended when following began (read synchronously so no later line is skipped). */
  private readonly startAt: { readonly ino: number; readonly size: number } | null;
  private partial = Buffer.alloc(0);
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private opened = false;

  constructor(
    private readonly file: string,
    private readonly onLine: (line: string) => void,
    fromStart: boolean,
  ) {
    this.startAt = fromStart ? null : endOf(file);
  }

  /** Reads whatever is new; calls made while a read runs coalesce into one more pass. */
  pump(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drainAll()
      .catch(() => undefined)
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.pump();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
    await this.handle?.close().catch(() => undefined);
    this.handle = null;
  }

  private async drainAll(): Promise<void> {
    for (let rounds = 0; rounds < 10 && !this.stopped; rounds++) {
      if (!this.handle && !(await this.openFile())) return;
      await this.drain();
      const current = await stat(this.file).catch(() => null);
      if (!current) return; // Renamed away and not yet re-created: keep the old handle, it may still grow.
      if (current.ino !== this.ino) {
        await this.drain();
        this.endOfFile();
        await this.handle!.close().catch(() => undefined);
        this.handle = null;
        continue;
      }
      if (current.size < this.offset) {
        this.offset = 0;
        this.partial = Buffer.alloc(0);
        continue;
      }
      return;
    }
  }

  private async openFile(): Promise<boolean> {
    try {
      this.handle = await open(this.file, 'r');
    } catch {
      return false;
    }
    this.ino = (await this.handle.stat()).ino;
    // The first time, the file that existed at the start is read from where it ended then.
    this.offset = this.startAt?.ino === this.ino && !this.opened ? this.startAt.size : 0;
    this.opened = true;
    this.partial = Buffer.alloc(0);
    return true;
  }

  private async drain(): Promise<void> {
    const handle = this.handle!;
    const chunk = Buffer.alloc(64 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, this.offset);
      if (bytesRead === 0) return;
      this.offset += bytesRead;
      this.emit(chunk.subarray(0, bytesRead));
    }
  }

  private emit(bytes: Buffer): void {
    let data = this.partial.length > 0 ? Buffer.concat([this.partial, bytes]) : Buffer.from(bytes);
    let nl = data.indexOf(0x0a);
    while (nl >= 0) {
      this.onLine(data.subarray(0, nl).toString('utf8').replace(/\r$/, ''));
      data = data.subarray(nl + 1);
      nl = data.indexOf(0x0a);
    }
    this.partial = data;
  }

  /** A file that was rotated away will not grow any more: its unterminated last line is complete. */
  private endOfFile(): void {
    if (this.partial.length > 0) this.onLine(this.partial.toString('utf8').replace(/\r$/, ''));
    this.partial = Buffer.alloc(0);
  }
}

/** The inode and size of `file` right now, or null when it does not exist. */
function endOf(file: string): { ino: number; size: number } | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const { ino, size } = fstatSync(fd);
    return { ino, size };
  } finally {
    closeSync(fd);
  }
}

import { mkdirSync } from 'node:fs';
import { FileHandle, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { Writable } from 'node:stream';

/** How a rotating log file grows and what it keeps. */
export interface RotationOptions {
  /** Rotate before a write would take the file past this many bytes. */
  readonly maxBytes: number;
  /** How many rotated files (`<file>.1` newest … `<file>.N` oldest) to keep. */
  readonly maxFiles: number;
  /** On open, rotated files last modified longer ago than this are deleted. */
  readonly maxAgeMs?: number;
  /**
   * Called when the file system refuses a write (once per episode: until a write succeeds again); the stream
   * drops the data and keeps going.
   */
  readonly onError?: (error: Error) => void;
  /** The line written first once writes succeed again after `dropped` chunks (lines) were lost to `error`. */
  readonly droppedNotice?: (dropped: number, error: Error) => string;
}

/**
 * An append-only file that rotates by size: `<file>` -> `<file>.1` -> … -> `<file>.<maxFiles>`, then gone.
 * Writes are whole chunks (lines); a chunk is never split across files. The stream never emits 'error'.
 */
export class RotatingFileStream extends Writable {
  private handle: FileHandle | null = null;
  /** Device and inode of the open file, to notice it was deleted or replaced under us. */
  private identity = '';
  private size = 0;
  /** Chunks lost since the last write that succeeded, and the first error of that episode. */
  private dropped = 0;
  private dropError: Error | null = null;

  constructor(
    readonly path: string,
    private readonly options: RotationOptions,
  ) {
    super({ decodeStrings: true });
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    } catch (e) {
      this.report(e);
    }
  }

  override _construct(callback: (error?: Error | null) => void): void {
    this.prune()
      .then(() => this.openFile())
      .catch((e: unknown) => this.report(e))
      .finally(() => callback());
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this._writev([{ chunk }], callback);
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, callback: (error?: Error | null) => void): void {
    this.append(chunks.map((c) => c.chunk))
      .catch((e: unknown) => this.report(e))
      .finally(() => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.closeFile()
      .catch((e: unknown) => this.report(e))
      .finally(() => callback());
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.closeFile()
      .catch(() => undefined)
      .finally(() => callback(error));
  }

  private async append(buffers: Buffer[]): Promise<void> {
    let batch: Buffer[] = [];
    let batchBytes = 0;
    for (const buffer of buffers) {
      if (this.size + batchBytes > 0 && this.size + batchBytes + buffer.length > this.options.maxBytes) {
        await this.writeBatch(batch);
        batch = [];
        batchBytes = 0;
        // A failed rotation leaves no file open; the next batch opens one again (or counts its lines as dropped).
        await this.rotate().catch(() => undefined);
      }
      batch.push(buffer);
      batchBytes += buffer.length;
    }
    await this.writeBatch(batch);
  }

  /** Writes whole chunks, or counts them as dropped; never throws. */
  private async writeBatch(batch: Buffer[]): Promise<void> {
    if (batch.length === 0) return;
    try {
      // A deleted (or replaced) file or directory is made again: a handle to an unlinked file writes into nothing.
      if (!this.handle || !(await this.stillOurs())) await this.openFile();
      const notice = this.dropped > 0 && this.options.droppedNotice ? [Buffer.from(this.options.droppedNotice(this.dropped, this.dropError as Error))] : [];
      const { bytesWritten } = await (this.handle as FileHandle).writev([...notice, ...batch]);
      this.size += bytesWritten;
      this.dropped = 0;
      this.dropError = null;
    } catch (e) {
      if (this.dropped === 0) this.report(e);
      this.dropped += batch.length;
      this.dropError ??= asError(e);
    }
  }

  /** Whether the path still names the file we hold open. */
  private async stillOurs(): Promise<boolean> {
    const now = await stat(this.path).catch(() => null);
    return now !== null && `${now.dev}:${now.ino}` === this.identity;
  }

  private async rotate(): Promise<void> {
    await this.closeFile();
    const { path, options } = this;
    if (options.maxFiles <= 0) await unlink(path).catch(ignoreMissing);
    else {
      for (let i = options.maxFiles - 1; i >= 1; i--) await rename(`${path}.${i}`, `${path}.${i + 1}`).catch(ignoreMissing);
      await rename(path, `${path}.1`).catch(ignoreMissing);
    }
    await this.openFile();
  }

  private async openFile(): Promise<void> {
    await this.closeFile().catch(() => undefined);
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    this.handle = await open(this.path, 'a', 0o600);
    const info = await this.handle.stat();
    this.identity = `${info.dev}:${info.ino}`;
    this.size = info.size;
  }

  private async closeFile(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close();
  }

  /** Deletes rotated files beyond `maxFiles` and, with `maxAgeMs`, those older than that. */
  private async prune(): Promise<void> {
    const dir = dirname(this.path);
    const now = Date.now();
    for (const suffix of (await rotatedFilesIn(dir)).get(basename(this.path)) ?? []) {
      const file = `${this.path}.${suffix}`;
      const tooMany = suffix > this.options.maxFiles;
      const info = this.options.maxAgeMs === undefined ? null : await stat(file).catch(() => null);
      const tooOld = info !== null && now - info.mtimeMs > (this.options.maxAgeMs ?? Infinity);
      if (tooMany || tooOld) await unlink(file).catch(ignoreMissing);
    }
  }

  private report(error: unknown): void {
    this.options.onError?.(asError(error));
  }
}

/**
 * The rotated files (`<base>.<n>`) of a directory, as the suffixes `n` of each base name. Streams that open
 * while a listing is under way share it: a 2,000-service reload opens 2,000 logs in one directory, and a
 * listing each (2,000 names, read 2,000 times) was most of the daemon's garbage while it started them.
 */
const listings = new Map<string, Promise<Map<string, number[]>>>();

export function rotatedFilesIn(dir: string): Promise<Map<string, number[]>> {
  const pending = listings.get(dir);
  if (pending) return pending;
  const listing = readdir(dir)
    .catch(() => [] as string[])
    .then(groupRotated)
    .finally(() => {
      if (listings.get(dir) === listing) listings.delete(dir);
    });
  listings.set(dir, listing);
  return listing;
}

function groupRotated(names: readonly string[]): Map<string, number[]> {
  const byBase = new Map<string, number[]>();
  for (const name of names) {
    const rotated = /^(.+)\.([1-9]\d*)$/.exec(name);
    if (!rotated) continue;
    const suffixes = byBase.get(rotated[1]) ?? [];
    if (suffixes.length === 0) byBase.set(rotated[1], suffixes);
    suffixes.push(Number(rotated[2]));
  }
  return byBase;
}

/** Duck-typed: fs errors may come from another realm (e.g. under Jest), where `instanceof Error` fails. */
const asError = (e: unknown): Error => (typeof e === 'object' && e !== null && typeof (e as Error).message === 'string' ? (e as Error) : new Error(String(e)));

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}

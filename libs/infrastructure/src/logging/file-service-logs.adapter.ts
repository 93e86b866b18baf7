import { ServiceLogs, ServiceLogWriter } from '@localport/application';
import { join } from 'node:path';
import { RotatingFileStream } from './rotating-file.stream';

/** Size, retention and buffering of the per-service logs. */
export interface FileServiceLogsOptions {
  /** Rotate a service log at this size; default 10 MiB. */
  readonly maxBytes?: number;
  /** Rotated files kept per service (`<name>.log.1..N`); default 3. */
  readonly maxFiles?: number;
  /** On open, rotated files older than this many days are deleted; default 3. */
  readonly retentionDays?: number;
  /** Buffered lines reach the file at least this often; default 500 ms. */
  readonly flushIntervalMs?: number;
  /** Wall clock for the line timestamps (epoch ms); default `Date.now`. */
  readonly now?: () => number;
}

const FLUSH_AT_BYTES = 64 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;

interface SharedFile {
  readonly stream: RotatingFileStream;
  refs: number;
}

/** One log file per service, `<dir>/<name>.log`, holding its upstream's output lines with ISO timestamps. */
export class FileServiceLogs implements ServiceLogs {
  private readonly files = new Map<string, SharedFile>();
  private readonly writers = new Set<FileServiceLogWriter>();

  constructor(
    readonly dir: string,
    private readonly options: FileServiceLogsOptions = {},
  ) {}

  /** The log file of a service (it may not exist yet). */
  pathOf(serviceName: string): string {
    return join(this.dir, `${safeFileName(serviceName)}.log`);
  }

  /** Opens the service's log for appending; writers of the same service share one file and its rotation. */
  open(serviceName: string): FileServiceLogWriter {
    const path = this.pathOf(serviceName);
    let file = this.files.get(path);
    if (!file) {
      file = {
        refs: 0,
        stream: new RotatingFileStream(path, {
          maxBytes: this.options.maxBytes ?? 10 * 1024 * 1024,
          maxFiles: this.options.maxFiles ?? 3,
          maxAgeMs: (this.options.retentionDays ?? 3) * DAY_MS,
          onError: (e) => process.stderr.write(`localport: cannot write ${path}: ${e.message}\n`),
          droppedNotice: (dropped, e) =>
            `${new Date((this.options.now ?? Date.now)()).toISOString()} === localport: ${dropped} line${dropped > 1 ? 's were' : ' was'} lost: this log could not be written (${e.message}) ===\n`,
        }),
      };
      this.files.set(path, file);
    }
    file.refs++;
    const shared = file;
    const writer = new FileServiceLogWriter(shared.stream, this.options, () => {
      this.writers.delete(writer);
      if (--shared.refs > 0) return Promise.resolve();
      if (this.files.get(path) === shared) this.files.delete(path);
      return new Promise<void>((resolve) => shared.stream.end(() => resolve()));
    });
    this.writers.add(writer);
    return writer;
  }

  /** Hands every buffered line to its file; resolves once they are written (`localport logs` asks for this first). */
  async flushAll(): Promise<void> {
    await Promise.all([...this.writers].map((w) => w.flush()));
  }

  /** Flushes and closes every open writer (daemon shutdown). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.writers].map((w) => w.close()));
  }
}

/** Appends timestamped lines to one service log; buffered, flushed every `flushIntervalMs` and on close. */
export class FileServiceLogWriter implements ServiceLogWriter {
  private buffer: string[] = [];
  private bufferedBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private closing: Promise<void> | null = null;

  constructor(
    private readonly stream: RotatingFileStream,
    private readonly options: FileServiceLogsOptions,
    private readonly release: () => Promise<void>,
  ) {}

  /** Adds one line (or several, split at newlines), each prefixed with the current ISO time. */
  write(line: string): void {
    if (this.closing) return;
    const stamp = new Date((this.options.now ?? Date.now)()).toISOString();
    const lines = line.split(/\r?\n/);
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    for (const l of lines) {
      const entry = `${stamp} ${l}\n`;
      this.buffer.push(entry);
      this.bufferedBytes += entry.length;
    }
    if (this.bufferedBytes >= FLUSH_AT_BYTES) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.flushIntervalMs ?? 500).unref();
  }

  /** Hands the buffered lines to the file now; resolves once they are written. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.buffer.length === 0) return Promise.resolve();
    const lines = this.buffer;
    this.buffer = [];
    this.bufferedBytes = 0;
    const written = new Promise<void>((resolve) => {
      this.stream.cork();
      lines.forEach((l, i) => this.stream.write(l, i === lines.length - 1 ? () => resolve() : undefined));
      this.stream.uncork();
    });
    return written;
  }

  /** Flushes and releases the file; resolves once the lines are on disk (when this was its last writer). */
  close(): Promise<void> {
    this.closing ??= this.flush().then(() => this.release());
    return this.closing;
  }
}

/** Keeps a service name usable as a file name (no separators, no leading dot). */
function safeFileName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return cleaned.length > 0 ? cleaned : '_';
}

import { LogFields, Logger } from '@localport/application';
import winston from 'winston';
import { humanLine, jsonLine, LogRecord } from './log-line.format';
import { redactFields, redactText } from './redact';
import { RotatingFileStream } from './rotating-file.stream';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where the daemon log goes and how much of it is kept. */
export interface WinstonLoggerOptions {
  /** JSON-lines log file, rotated by size: `<path>.1` … `<path>.<maxFiles>`. Defaults: 10 MiB, 5 files. */
  readonly file?: { readonly path: string; readonly maxBytes?: number; readonly maxFiles?: number; readonly maxAgeMs?: number };
  /** Human-readable lines on this stream (`true`: stdout), for `daemon --foreground`. */
  readonly console?: boolean | NodeJS.WritableStream;
  /** Lowest level written; default `info`. */
  readonly level?: LogLevel;
  /** Literal secret values (e.g. passwords from the config) masked wherever they appear. */
  readonly secrets?: readonly string[];
  /** Wall clock for timestamps (epoch ms); default `Date.now`. */
  readonly now?: () => number;
}

/** winston's key for the rendered line (triple-beam's MESSAGE). */
const MESSAGE = Symbol.for('message');
const SEVERITY: Readonly<Record<LogLevel, number>> = { error: 0, warn: 1, info: 2, debug: 3 };
const CLOSE_TIMEOUT_MS = 5_000;

/** The winston logger, its file, and how to flush both; shared by a logger and its children. */
class LoggerCore {
  private closing: Promise<void> | null = null;
  readonly secrets: string[];

  constructor(
    readonly winston: winston.Logger,
    readonly threshold: number,
    readonly now: () => number,
    private readonly file: RotatingFileStream | null,
    secrets: readonly string[],
  ) {
    this.secrets = secrets.filter((s) => s.length > 0);
  }

  get closed(): boolean {
    return this.closing !== null;
  }

  close(): Promise<void> {
    this.closing ??= this.flush();
    return this.closing;
  }

  private async flush(): Promise<void> {
    // Transports end once the logger's buffered entries have reached them; then the file gets its last bytes.
    const finished = this.winston.transports.map((t) => new Promise<void>((resolve) => t.once('finish', () => resolve())));
    this.winston.end();
    const file = this.file;
    const done = Promise.all(finished).then(() => (file ? new Promise<void>((resolve) => file.end(() => resolve())) : undefined));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_TIMEOUT_MS).unref()));
    await Promise.race([done, timeout]);
    clearTimeout(timer);
  }
}

/**
 * The daemon's structured logger: JSON lines in a size-rotated file, optional human-readable console
 * output, secret-named fields (any depth) replaced by `***`. `close()` resolves once everything is written.
 */
export class WinstonLogger implements Logger {
  private constructor(
    private readonly core: LoggerCore,
    private readonly fields: LogFields,
  ) {}

  /** Builds a logger; with neither `file` nor `console` it writes nothing. */
  static create(options: WinstonLoggerOptions = {}): WinstonLogger {
    const transports: winston.transport[] = [];
    let file: RotatingFileStream | null = null;
    if (options.file) {
      file = new RotatingFileStream(options.file.path, {
        maxBytes: options.file.maxBytes ?? 10 * 1024 * 1024,
        maxFiles: options.file.maxFiles ?? 5,
        maxAgeMs: options.file.maxAgeMs,
        onError: (e) => process.stderr.write(`localport: cannot write log ${options.file?.path}: ${e.message}\n`),
        droppedNotice: (dropped, e) =>
          `${jsonLine({ timestamp: new Date((options.now ?? Date.now)()).toISOString(), level: 'warn', message: `${dropped} log line${dropped > 1 ? 's were' : ' was'} lost: the log file could not be written`, dropped, error: e.message })}\n`,
      });
      transports.push(new winston.transports.Stream({ stream: file, eol: '\n', format: lineFormat(jsonLine) }));
    }
    if (options.console) {
      const stream = options.console === true ? process.stdout : options.console;
      transports.push(new winston.transports.Stream({ stream, eol: '\n', format: lineFormat(humanLine) }));
    }
    const level = options.level ?? 'info';
    const logger = winston.createLogger({
      level,
      levels: SEVERITY,
      format: winston.format((info) => info)(),
      transports,
      silent: transports.length === 0,
      exitOnError: false,
    });
    const core = new LoggerCore(logger, SEVERITY[level], options.now ?? Date.now, file, options.secrets ?? []);
    return new WinstonLogger(core, {});
  }

  debug(message: string, fields?: LogFields): void {
    this.log('debug', message, fields);
  }

  info(message: string, fields?: LogFields): void {
    this.log('info', message, fields);
  }

  warn(message: string, fields?: LogFields): void {
    this.log('warn', message, fields);
  }

  error(message: string, fields?: LogFields): void {
    this.log('error', message, fields);
  }

  /** A logger adding `fields` to every entry; it shares this logger's destinations (and `close`). */
  child(fields: LogFields): WinstonLogger {
    return new WinstonLogger(this.core, { ...this.fields, ...fields });
  }

  /** Adds literal secret values (a loaded config's passwords and tokens) to the mask list of this logger and its family. */
  addSecrets(secrets: readonly string[]): void {
    for (const s of secrets) if (s.length > 0 && !this.core.secrets.includes(s)) this.core.secrets.push(s);
    // Longest first, so a secret containing another is masked whole.
    this.core.secrets.sort((a, b) => b.length - a.length);
  }

  /** Flushes and closes every destination; later entries are dropped. Idempotent. */
  close(): Promise<void> {
    return this.core.close();
  }

  private log(level: LogLevel, message: string, fields?: LogFields): void {
    const core = this.core;
    if (core.closed || SEVERITY[level] > core.threshold) return;
    const safe = redactFields({ ...this.fields, ...fields }, core.secrets) as Record<string, unknown>;
    const head = { timestamp: new Date(core.now()).toISOString(), level, message: redactText(String(message), core.secrets) };
    // Reserved keys lead the line and win over fields of the same name.
    core.winston.log(Object.assign({ ...head }, safe, head));
  }
}

function lineFormat(render: (record: LogRecord) => string): winston.Logform.Format {
  return winston.format((info) => {
    (info as unknown as Record<symbol, string>)[MESSAGE] = render(info as unknown as LogRecord);
    return info;
  })();
}

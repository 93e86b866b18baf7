export type LogFields = Readonly<Record<string, unknown>>;

/** Structured logging. Fields must never hold secrets; adapters redact known secret keys anyway. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every entry (e.g. `{ service: 'db' }`). */
  child(fields: LogFields): Logger;
}

/** Where one service's upstream output (kubectl / ssh stdout and stderr) goes. */
export interface ServiceLogs {
  /** Opens (or reopens) the log of one service; lines are appended with a timestamp. */
  open(serviceName: string): ServiceLogWriter;
}

export interface ServiceLogWriter {
  write(line: string): void;
  close(): void;
}

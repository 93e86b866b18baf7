import { LogFields, Logger, ServiceLogs, ServiceLogWriter } from '../ports/logger.port';

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: LogFields;
}

/** A logger that keeps every entry in memory, children included. */
export class RecordingLogger implements Logger {
  constructor(
    readonly entries: LogEntry[] = [],
    private readonly base: LogFields = {},
  ) {}
  debug(message: string, fields?: LogFields): void {
    this.entries.push({ level: 'debug', message, fields: { ...this.base, ...fields } });
  }
  info(message: string, fields?: LogFields): void {
    this.entries.push({ level: 'info', message, fields: { ...this.base, ...fields } });
  }
  warn(message: string, fields?: LogFields): void {
    this.entries.push({ level: 'warn', message, fields: { ...this.base, ...fields } });
  }
  error(message: string, fields?: LogFields): void {
    this.entries.push({ level: 'error', message, fields: { ...this.base, ...fields } });
  }
  child(fields: LogFields): Logger {
    return new RecordingLogger(this.entries, { ...this.base, ...fields });
  }
  messages(level?: LogEntry['level']): string[] {
    return this.entries.filter((e) => !level || e.level === level).map((e) => e.message);
  }
}

/** Service logs kept in memory, by service name. */
export class InMemoryServiceLogs implements ServiceLogs {
  readonly lines = new Map<string, string[]>();
  open(serviceName: string): ServiceLogWriter {
    const lines = this.lines.get(serviceName) ?? [];
    this.lines.set(serviceName, lines);
    return { write: (line) => void lines.push(line), close: () => undefined };
  }
}

/** One log entry as the logger hands it to winston: reserved keys first, then the (redacted) fields. */
export interface LogRecord {
  readonly timestamp: string;
  readonly level: string;
  readonly message: string;
  readonly [field: string]: unknown;
}

const RESERVED = new Set(['timestamp', 'level', 'message']);

/** The daemon log's JSON line: `{"timestamp":…,"level":…,"message":…,…fields}`. */
export function jsonLine(record: LogRecord): string {
  return JSON.stringify(record);
}

/** A terminal line for `daemon --foreground`: `2026-11-28T01:02:03.000Z INFO  message key=value …`. */
export function humanLine(record: LogRecord): string {
  const parts = [record.timestamp, record.level.toUpperCase().padEnd(5), record.message];
  for (const [key, value] of Object.entries(record)) {
    if (RESERVED.has(key) || value === undefined) continue;
    parts.push(`${key}=${typeof value === 'string' && /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value)}`);
  }
  return parts.join(' ');
}

import { err, ok, Result } from '@localport/domain';
import { LogFileError } from './log-file.errors';
import { readLogTail } from './read-log-tail';

const ISO_AT_START = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)\s/;

/** When a log line was written (epoch ms): a service log line's leading ISO time, a daemon JSON line's `timestamp`; else null. */
export function logLineTime(line: string): number | null {
  const lead = ISO_AT_START.exec(line);
  if (lead) return Date.parse(lead[1]);
  if (line.startsWith('{')) {
    try {
      const t = (JSON.parse(line) as { timestamp?: unknown }).timestamp;
      return typeof t === 'string' && !Number.isNaN(Date.parse(t)) ? Date.parse(t) : null;
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * The last `lines` lines written at or after `since` (epoch ms), matching `grep`, oldest first; rotated
 * files included. Reads backwards in growing steps until it passes `since`, so old history is not read.
 * A line without a time (a continuation) goes with the line before it.
 */
export async function readLogSince(file: string, since: number, lines: number, grep?: RegExp): Promise<Result<string[], LogFileError>> {
  for (let step = 256; ; step *= 4) {
    const tail = await readLogTail(file, step, grep);
    if (!tail.ok) return err(tail.error);
    const got = tail.value;
    const oldest = got.find((l) => logLineTime(l) !== null);
    const exhausted = got.length < step;
    if (exhausted || (oldest !== undefined && (logLineTime(oldest) as number) < since)) {
      let keep = false;
      const recent = got.filter((l) => {
        const t = logLineTime(l);
        if (t !== null) keep = t >= since;
        return keep;
      });
      return ok(recent.slice(Math.max(0, recent.length - lines)));
    }
  }
}

/** `10m`, `1h`, `2d`, `30s` ago, or an ISO time (`2026-12-03T18:00:00Z`, `2026-12-03`): epoch ms, or null. */
export function parseSince(value: string, now: number): number | null {
  const rel = /^(\d+(?:\.\d+)?)(s|m|h|d)$/.exec(value.trim());
  if (rel) return now - Number(rel[1]) * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[rel[2] as 's' | 'm' | 'h' | 'd'];
  if (!/^\d{4}-\d\d-\d\d/.test(value.trim())) return null;
  const at = Date.parse(value.trim());
  return Number.isNaN(at) ? null : at;
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logLineTime, parseSince, readLogSince } from './read-log-since';

const T0 = Date.parse('2026-12-03T10:00:00.000Z');
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

describe(readLogSince.name, () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lp-since-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('returns the service-log lines at or after the time, across rotated files, with continuation lines', async () => {
    const file = join(dir, 'web.log');
    // 2000 old lines in .1 so the reader must step back more than once; the current file holds the recent ones.
    writeFileSync(`${file}.1`, Array.from({ length: 2000 }, (_, i) => `${iso(-100 + i * 0.04)} old ${i}\n`).join('') + `${iso(-1)} just before\n${iso(0)} at the cutoff\n`);
    writeFileSync(file, `${iso(1)} after\n  continuation of after\n${iso(2)} later\n`);
    expect(await readLogSince(file, T0, 100)).toEqual({ ok: true, value: [`${iso(0)} at the cutoff`, `${iso(1)} after`, '  continuation of after', `${iso(2)} later`] });
    expect(await readLogSince(file, T0, 2)).toEqual({ ok: true, value: ['  continuation of after', `${iso(2)} later`] });
    const all = await readLogSince(file, T0 - 100 * 60_000, 5000);
    expect(all.ok && all.value.length).toBe(2005);
  });

  it('reads the daemon log by its JSON timestamps and applies grep', async () => {
    const file = join(dir, 'daemon.log');
    const line = (m: number, message: string) => JSON.stringify({ timestamp: iso(m), level: 'info', message });
    writeFileSync(file, [line(-30, 'daemon started'), line(-5, 'service failed'), line(5, 'service failed'), line(6, 'reloaded'), ''].join('\n'));
    expect(await readLogSince(file, T0, 100, /failed/i)).toEqual({ ok: true, value: [line(5, 'service failed')] });
  });

  it('reports a missing log', async () => {
    expect(await readLogSince(join(dir, 'none.log'), T0, 10)).toMatchObject({ ok: false, error: { code: 'LOGS.NOT_FOUND' } });
  });
});

describe(parseSince.name, () => {
  it.each([
    ['10m', T0 - 600_000], ['1h', T0 - 3_600_000], ['2d', T0 - 2 * 86_400_000], ['30s', T0 - 30_000],
    ['2026-12-03T09:00:00Z', T0 - 3_600_000], ['2026-12-03', Date.parse('2026-12-03')], ['soon', null], ['10x', null], ['2026-13-45', null],
  ])('%s', (value, expected) => expect(parseSince(value, T0)).toBe(expected));

  it('reads the time of both line formats', () => {
    expect(logLineTime(`${iso(3)} hello`)).toBe(T0 + 180_000);
    expect(logLineTime(JSON.stringify({ timestamp: iso(3), message: 'm' }))).toBe(T0 + 180_000);
    expect(logLineTime('  at continuation')).toBeNull();
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLogTail } from './read-log-tail';

describe('readLogTail', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lp-tail-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const numbered = (from: number, to: number): string => Array.from({ length: to - from }, (_, k) => `line ${from + k}\n`).join('');

  it('returns the last N lines, oldest first', async () => {
    const file = join(dir, 'a.log');
    await writeFile(file, numbered(0, 10));
    expect(await readLogTail(file, 3)).toEqual({ ok: true, value: ['line 7', 'line 8', 'line 9'] });
    expect(await readLogTail(file, 100)).toMatchObject({ ok: true, value: expect.arrayContaining(['line 0']) });
    expect(await readLogTail(file, 0)).toEqual({ ok: true, value: [] });
  });

  it('reads across chunk boundaries of a large file, and an unterminated last line', async () => {
    const file = join(dir, 'big.log');
    await writeFile(file, numbered(0, 50_000) + 'partial');
    const result = await readLogTail(file, 20_001);
    if (!result.ok) throw result.error;
    expect(result.value).toHaveLength(20_001);
    expect(result.value[0]).toBe('line 30000');
    expect(result.value[19_999]).toBe('line 49999');
    expect(result.value[20_000]).toBe('partial');
  });

  it('filters by a regular expression (a global one too) before counting', async () => {
    const file = join(dir, 'a.log');
    await writeFile(file, 'INFO one\r\nERROR two\nINFO three\nERROR four\n\nERROR five\n');
    expect(await readLogTail(file, 2, /error/gi)).toEqual({ ok: true, value: ['ERROR four', 'ERROR five'] });
    expect(await readLogTail(file, 10, /^INFO/)).toEqual({ ok: true, value: ['INFO one', 'INFO three'] });
  });

  it('continues into rotated files when the current one has too few lines', async () => {
    const file = join(dir, 's.log');
    await writeFile(`${file}.2`, numbered(0, 5));
    await writeFile(`${file}.1`, numbered(5, 10));
    await writeFile(file, numbered(10, 12));
    const result = await readLogTail(file, 8);
    expect(result).toEqual({ ok: true, value: ['line 4', 'line 5', 'line 6', 'line 7', 'line 8', 'line 9', 'line 10', 'line 11'] });
  });

  it('reports a missing log as LOGS.NOT_FOUND', async () => {
    const result = await readLogTail(join(dir, 'none.log'), 5);
    expect(result).toMatchObject({ ok: false, error: { code: 'LOGS.NOT_FOUND' } });
  });

  it('reports an unreadable path as LOGS.UNREADABLE', async () => {
    const result = await readLogTail(dir, 5);
    expect(result).toMatchObject({ ok: false, error: { code: 'LOGS.UNREADABLE' } });
  });
});

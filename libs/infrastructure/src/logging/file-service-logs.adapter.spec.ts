import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileServiceLogs } from './file-service-logs.adapter';

describe(FileServiceLogs.name, () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lp-svc-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const lines = async (path: string): Promise<string[]> => (await readFile(path, 'utf8')).split('\n').filter((l) => l.length > 0);

  it('writes one file per service with an ISO timestamp before every line', async () => {
    const logs = new FileServiceLogs(join(dir, 'logs'), { now: () => Date.UTC(2026, 10, 28, 1, 2, 3) });
    const writer = logs.open('postgres');
    writer.write('Forwarding from 127.0.0.1:5432 -> 5432');
    writer.write('two\nlines\r\n');
    await writer.close();
    expect(logs.pathOf('postgres')).toBe(join(dir, 'logs', 'postgres.log'));
    expect(await lines(logs.pathOf('postgres'))).toEqual([
      '2026-11-28T01:02:03.000Z Forwarding from 127.0.0.1:5432 -> 5432',
      '2026-11-28T01:02:03.000Z two',
      '2026-11-28T01:02:03.000Z lines',
    ]);
    expect((await stat(logs.pathOf('postgres'))).mode & 0o777).toBe(0o600);
  });

  it('appends when a service log is opened again, and writers of one service share the file', async () => {
    const logs = new FileServiceLogs(dir);
    const first = logs.open('db');
    first.write('run 1');
    await first.close();
    const a = logs.open('db');
    const b = logs.open('db');
    a.write('run 2 a');
    b.write('run 2 b');
    await a.close();
    b.write('run 2 b again');
    await b.close();
    expect((await lines(logs.pathOf('db'))).map((l) => l.slice(25))).toEqual(['run 1', 'run 2 a', 'run 2 b', 'run 2 b again']);
  });

  it('flushes buffered lines by itself within the flush interval', async () => {
    const logs = new FileServiceLogs(dir, { flushIntervalMs: 100 });
    const writer = logs.open('api');
    const started = Date.now();
    writer.write('buffered');
    expect(await readFile(logs.pathOf('api'), 'utf8').catch(() => '')).toBe('');
    // Waits for the file itself to change: the writer gives no other signal.
    while (!(await readFile(logs.pathOf('api'), 'utf8').catch(() => '')).includes('buffered')) {
      expect(Date.now() - started).toBeLessThan(2_000);
      await new Promise((r) => setTimeout(r, 10));
    }
    await writer.close();
  });

  it('rotates by size into <name>.log.1..3 and drops older files', async () => {
    const logs = new FileServiceLogs(dir, { maxBytes: 1_000 });
    const writer = logs.open('web');
    for (let i = 0; i < 300; i++) {
      writer.write(`line ${i} ${'y'.repeat(20)}`);
      if (i % 10 === 9) await writer.flush();
    }
    await writer.close();
    expect((await readdir(dir)).sort()).toEqual(['web.log', 'web.log.1', 'web.log.2', 'web.log.3']);
    const all = [...(await lines(`${logs.pathOf('web')}.3`)), ...(await lines(`${logs.pathOf('web')}.2`)), ...(await lines(`${logs.pathOf('web')}.1`)), ...(await lines(logs.pathOf('web')))];
    const numbers = all.map((l) => Number(/line (\d+)/.exec(l)?.[1]));
    expect(numbers[numbers.length - 1]).toBe(299);
    expect(numbers).toEqual(numbers.map((_, k) => numbers[0] + k));
    expect(numbers[0]).toBeGreaterThan(0);
  });

  it('deletes rotated files older than the retention on open, keeping fresh ones and the current log', async () => {
    const path = join(dir, 'svc.log');
    for (const f of [path, `${path}.1`, `${path}.2`]) await writeFile(f, 'old\n');
    const longAgo = new Date(Date.now() - 4 * 24 * 3600 * 1000);
    await utimes(`${path}.2`, longAgo, longAgo);
    await utimes(path, longAgo, longAgo);
    const logs = new FileServiceLogs(dir, { retentionDays: 3 });
    const writer = logs.open('svc');
    writer.write('new');
    await writer.close();
    expect((await readdir(dir)).sort()).toEqual(['svc.log', 'svc.log.1']);
    expect(await lines(path)).toEqual(['old', expect.stringMatching(/Z new$/)]);
  });

  it('keeps service names from escaping the log directory', () => {
    const logs = new FileServiceLogs(dir);
    expect(logs.pathOf('../evil/name')).toBe(join(dir, '__evil_name.log'));
  });

  it('flushAll writes out every buffered line and leaves the writers open', async () => {
    const logs = new FileServiceLogs(dir, { flushIntervalMs: 60_000 });
    const a = logs.open('a');
    const b = logs.open('b');
    a.write('from a');
    b.write('from b');
    await logs.flushAll();
    expect(await lines(logs.pathOf('a'))).toEqual([expect.stringMatching(/from a$/)]);
    expect(await lines(logs.pathOf('b'))).toEqual([expect.stringMatching(/from b$/)]);
    a.write('a again');
    await logs.flushAll();
    expect(await lines(logs.pathOf('a'))).toEqual([expect.stringMatching(/from a$/), expect.stringMatching(/a again$/)]);
    await logs.closeAll();
  });

  it('closeAll flushes every open writer', async () => {
    const logs = new FileServiceLogs(dir, { flushIntervalMs: 60_000 });
    logs.open('a').write('from a');
    logs.open('b').write('from b');
    await logs.closeAll();
    expect(await lines(logs.pathOf('a'))).toEqual([expect.stringMatching(/from a$/)]);
    expect(await lines(logs.pathOf('b'))).toEqual([expect.stringMatching(/from b$/)]);
  });

  it('makes the services directory and the file again when they are deleted while the service runs', async () => {
    const logs = new FileServiceLogs(join(dir, 'logs', 'services'), { now: () => Date.UTC(2026, 11, 3, 23, 0, 0) });
    const writer = logs.open('web');
    writer.write('first');
    await writer.flush();
    await rm(join(dir, 'logs'), { recursive: true });
    writer.write('second');
    await writer.close();
    expect(await lines(logs.pathOf('web'))).toEqual(['2026-12-03T23:00:00.000Z second']);
  });
});

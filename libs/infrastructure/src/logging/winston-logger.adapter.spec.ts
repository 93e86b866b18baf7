import { mkdtemp, readdir, readFile, rename, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { WinstonLogger } from './winston-logger.adapter';

describe(WinstonLogger.name, () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lp-log-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const readJsonLines = async (path: string): Promise<Array<Record<string, unknown>>> =>
    (await readFile(path, 'utf8'))
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  it('writes JSON lines with ISO timestamp, level, message and fields, secrets redacted', async () => {
    const path = join(dir, 'daemon.log');
    const logger = WinstonLogger.create({ file: { path }, now: () => Date.UTC(2026, 10, 28, 1, 2, 3), secrets: ['s3cr3t'] });
    logger.info('service started', { service: 'db', localPort: 5432, auth: { password: 'hunter2', user: 'me' } });
    logger.child({ service: 'api', token: 'abc' }).warn('probe failed with s3cr3t', { attempt: 2 });
    await logger.close();
    const lines = await readJsonLines(path);
    expect(lines).toEqual([
      { timestamp: '2026-11-28T01:02:03.000Z', level: 'info', message: 'service started', service: 'db', localPort: 5432, auth: { password: '***', user: 'me' } },
      { timestamp: '2026-11-28T01:02:03.000Z', level: 'warn', message: 'probe failed with ***', service: 'api', token: '***', attempt: 2 },
    ]);
    expect(Object.keys(lines[0]).slice(0, 3)).toEqual(['timestamp', 'level', 'message']);
    expect(await readFile(path, 'utf8')).not.toMatch(/hunter2|abc|s3cr3t/);
  });

  it('drops entries below its level and never lets a field overwrite the reserved keys', async () => {
    const path = join(dir, 'daemon.log');
    const logger = WinstonLogger.create({ file: { path }, level: 'warn' });
    logger.debug('d');
    logger.info('i');
    logger.error('e', { level: 'debug', message: 'spoof' });
    await logger.close();
    const lines = await readJsonLines(path);
    expect(lines.map((l) => [l['level'], l['message']])).toEqual([['error', 'e']]);
  });

  it('writes human-readable lines to the console stream', async () => {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (c: Buffer) => chunks.push(c.toString()));
    const logger = WinstonLogger.create({ console: out, now: () => 0 });
    logger.info('forward ready', { service: 'db', note: 'two words', secret: 'x' });
    await logger.close();
    expect(chunks.join('')).toBe('1970-01-01T00:00:00.000Z INFO  forward ready service=db note="two words" secret=***\n');
  });

  it('flushes every entry on close, even thousands written synchronously, and ignores later ones', async () => {
    const path = join(dir, 'daemon.log');
    const logger = WinstonLogger.create({ file: { path } });
    for (let i = 0; i < 5000; i++) logger.info('entry', { i });
    await logger.close();
    logger.info('after close');
    await logger.close();
    const lines = await readJsonLines(path);
    expect(lines).toHaveLength(5000);
    expect(lines[4999]['i']).toBe(4999);
  });

  it('rotates by size into daemon.log.1..N and keeps at most maxFiles rotated files', async () => {
    const path = join(dir, 'daemon.log');
    const logger = WinstonLogger.create({ file: { path, maxBytes: 2_000, maxFiles: 2 } });
    for (let i = 0; i < 200; i++) logger.info('rotation test line', { i, pad: 'x'.repeat(40) });
    await logger.close();
    const files = (await readdir(dir)).sort();
    expect(files).toEqual(['daemon.log', 'daemon.log.1', 'daemon.log.2']);
    const sizes = await Promise.all(files.map(async (f) => (await readFile(join(dir, f))).length));
    for (const size of sizes) expect(size).toBeLessThanOrEqual(2_000);
    // The newest entries are in daemon.log, the ones just before in .1, then .2; older ones are gone.
    const current = await readJsonLines(path);
    const previous = await readJsonLines(`${path}.1`);
    const oldest = await readJsonLines(`${path}.2`);
    expect(current[current.length - 1]['i']).toBe(199);
    expect(previous[previous.length - 1]['i']).toBe((current[0]['i'] as number) - 1);
    expect(oldest[oldest.length - 1]['i']).toBe((previous[0]['i'] as number) - 1);
    expect(oldest[0]['i']).toBeGreaterThan(0);
  });

  it('appends to an existing log and removes rotated files beyond maxFiles on start', async () => {
    const path = join(dir, 'daemon.log');
    const first = WinstonLogger.create({ file: { path, maxBytes: 1_000, maxFiles: 5 } });
    for (let i = 0; i < 60; i++) first.info('line', { i });
    await first.close();
    expect((await readdir(dir)).length).toBeGreaterThan(3);
    const second = WinstonLogger.create({ file: { path, maxBytes: 1_000, maxFiles: 1 } });
    second.info('again');
    await second.close();
    expect((await readdir(dir)).sort()).toEqual(['daemon.log', 'daemon.log.1']);
    const lines = [...(await readJsonLines(`${path}.1`)), ...(await readJsonLines(path))];
    expect(lines.slice(-2).map((l) => l['i'] ?? l['message'])).toEqual([59, 'again']);
  });

  it('deletes rotated files older than maxAgeMs on start (defaults.logging.max_age)', async () => {
    const path = join(dir, 'daemon.log');
    await writeFile(`${path}.1`, '{"message":"recent"}\n');
    await writeFile(`${path}.2`, '{"message":"old"}\n');
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    await utimes(`${path}.2`, twoDaysAgo, twoDaysAgo);
    const logger = WinstonLogger.create({ file: { path, maxAgeMs: 86_400_000 } });
    logger.info('started');
    await logger.close();
    expect((await readdir(dir)).sort()).toEqual(['daemon.log', 'daemon.log.1']);
  });

  it('makes the log directory and file again when they are deleted under a running logger', async () => {
    const path = join(dir, 'logs', 'daemon.log');
    const logger = WinstonLogger.create({ file: { path } });
    logger.info('before');
    // Deleted once 'before' is on disk, as a user's `rm -rf logs` under a running daemon would.
    while (!(await readFile(path, 'utf8').catch(() => '')).includes('before')) await new Promise((r) => setImmediate(r));
    await rm(join(dir, 'logs'), { recursive: true });
    logger.info('after');
    await logger.close();
    expect((await readJsonLines(path)).map((l) => l['message'])).toEqual(['after']);
  });

  it('after a full disk (/dev/full), writes one warn line saying how many lines were lost, and tells stderr once', async () => {
    const path = join(dir, 'daemon.log');
    await symlink('/dev/full', path);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const logger = WinstonLogger.create({ file: { path }, now: () => Date.UTC(2026, 11, 3, 23, 0, 0) });
      logger.info('lost');
      // The stderr line is written when that line's write fails: nothing else is queued then.
      while (stderr.mock.calls.length === 0) await new Promise((r) => setImmediate(r));
      expect(String(stderr.mock.calls[0][0])).toMatch(/^localport: cannot write log .*daemon\.log: ENOSPC/);
      await writeFile(join(dir, 'fresh'), '');
      await rename(join(dir, 'fresh'), path);
      logger.info('kept');
      await logger.close();
      expect(stderr).toHaveBeenCalledTimes(1);
    } finally {
      stderr.mockRestore();
    }
    expect(await readJsonLines(path)).toEqual([
      { timestamp: '2026-12-03T23:00:00.000Z', level: 'warn', message: '1 log line was lost: the log file could not be written', dropped: 1, error: expect.stringContaining('ENOSPC') },
      { timestamp: '2026-12-03T23:00:00.000Z', level: 'info', message: 'kept' },
    ]);
  });
});

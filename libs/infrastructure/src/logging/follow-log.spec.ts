import { appendFile, mkdtemp, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileServiceLogs } from './file-service-logs.adapter';
import { followLog } from './follow-log';

/** Collects followed lines; `until(n)` resolves once n lines have arrived. */
class Collector {
  readonly lines: string[] = [];
  private waiters: Array<{ n: number; resolve: () => void }> = [];
  readonly onLine = (line: string): void => {
    this.lines.push(line);
    this.waiters = this.waiters.filter((w) => (this.lines.length >= w.n ? (w.resolve(), false) : true));
  };
  until(n: number): Promise<void> {
    if (this.lines.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }
}

describe('followLog', () => {
  let dir: string;
  let abort: AbortController;
  let following: Promise<void>;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lp-follow-'));
    abort = new AbortController();
  });
  afterEach(async () => {
    abort.abort();
    await following;
    await rm(dir, { recursive: true, force: true });
  });

  it('streams only lines appended after it started, including a line written in pieces', async () => {
    const file = join(dir, 'a.log');
    await writeFile(file, 'old 1\nold 2\n');
    const seen = new Collector();
    following = followLog(file, seen.onLine, abort.signal, { pollMs: 60_000 });
    await appendFile(file, 'new 1\nnew ');
    await appendFile(file, '2\r\n');
    await seen.until(2);
    expect(seen.lines).toEqual(['new 1', 'new 2']);
  });

  it('emits the existing content first with fromStart', async () => {
    const file = join(dir, 'a.log');
    await writeFile(file, 'old 1\n');
    const seen = new Collector();
    following = followLog(file, seen.onLine, abort.signal, { fromStart: true });
    await appendFile(file, 'new 1\n');
    await seen.until(2);
    expect(seen.lines).toEqual(['old 1', 'new 1']);
  });

  it('waits for a file that does not exist yet', async () => {
    const file = join(dir, 'later.log');
    const seen = new Collector();
    following = followLog(file, seen.onLine, abort.signal);
    await writeFile(file, 'first\n');
    await seen.until(1);
    expect(seen.lines).toEqual(['first']);
  });

  it('follows the name across a rename-and-recreate rotation without losing lines', async () => {
    const file = join(dir, 'r.log');
    await writeFile(file, '');
    const seen = new Collector();
    following = followLog(file, seen.onLine, abort.signal);
    await appendFile(file, 'before 1\n');
    await seen.until(1);
    await appendFile(file, 'before 2\nunterminated');
    await rename(file, `${file}.1`);
    await writeFile(file, 'after 1\n');
    await seen.until(4);
    await appendFile(file, 'after 2\n');
    await seen.until(5);
    expect(seen.lines).toEqual(['before 1', 'before 2', 'unterminated', 'after 1', 'after 2']);
  });

  it('starts over when the file is truncated', async () => {
    const file = join(dir, 't.log');
    await writeFile(file, 'x\n');
    const seen = new Collector();
    following = followLog(file, seen.onLine, abort.signal);
    await appendFile(file, 'one\n');
    await seen.until(1);
    await truncate(file, 0);
    await appendFile(file, 'two\n');
    await seen.until(2);
    expect(seen.lines).toEqual(['one', 'two']);
  });

  it('sees every line of a service log that rotates while followed', async () => {
    const logs = new FileServiceLogs(dir, { maxBytes: 400, maxFiles: 3 });
    const writer = logs.open('svc');
    writer.write('start');
    await writer.flush();
    const seen = new Collector();
    following = followLog(logs.pathOf('svc'), seen.onLine, abort.signal);
    for (let i = 0; i < 40; i++) {
      writer.write(`line ${i}`);
      if (i % 4 === 3) {
        await writer.flush();
        await seen.until(i + 1);
      }
    }
    await writer.close();
    expect(seen.lines.map((l) => l.replace(/^\S+ /, ''))).toEqual(Array.from({ length: 40 }, (_, i) => `line ${i}`));
  });

  it('resolves at once when the signal is already aborted', async () => {
    abort.abort();
    following = followLog(join(dir, 'x.log'), () => undefined, abort.signal);
    await expect(following).resolves.toBeUndefined();
  });
});

import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RotatingFileStream, rotatedFilesIn } from './rotating-file.stream';

const write = (stream: RotatingFileStream, line: string) => new Promise<void>((resolve) => stream.write(line, () => resolve()));
const end = (stream: RotatingFileStream) => new Promise<void>((resolve) => stream.end(() => resolve()));

describe(RotatingFileStream.name, () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lp-rfs-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('makes its directory and file again when they were deleted under it', async () => {
    const path = join(dir, 'logs', 'services', 'web.log');
    const stream = new RotatingFileStream(path, { maxBytes: 1 << 20, maxFiles: 2 });
    await write(stream, 'before\n');
    await rm(join(dir, 'logs'), { recursive: true });
    await write(stream, 'after\n');
    await end(stream);
    expect(await readFile(path, 'utf8')).toBe('after\n');
  });

  it('streams opened together in one directory share one listing of it, and each prunes only its own rotated files', async () => {
    for (let i = 0; i < 40; i++) for (const n of [1, 2, 3, 4]) await writeFile(join(dir, `svc-${i}.log.${n}`), `${i}.${n}\n`);
    await writeFile(join(dir, 'svc-1.log.x'), 'not rotated\n');
    await writeFile(join(dir, 'svc-1.log.0'), 'not rotated\n');
    const shared = rotatedFilesIn(dir);
    expect(rotatedFilesIn(dir)).toBe(shared);
    const streams = Array.from({ length: 40 }, (_, i) => new RotatingFileStream(join(dir, `svc-${i}.log`), { maxBytes: 1 << 20, maxFiles: i % 2 === 0 ? 2 : 3 }));
    await Promise.all(streams.map((s) => write(s, 'line\n')));
    await Promise.all(streams.map(end));
    expect((await shared).get('svc-1.log')?.sort()).toEqual([1, 2, 3, 4]);
    expect(rotatedFilesIn(dir)).not.toBe(shared);
    const left = (await readdir(dir)).filter((f) => f.startsWith('svc-1.log') || f.startsWith('svc-2.log')).sort();
    expect(left).toEqual(['svc-1.log', 'svc-1.log.0', 'svc-1.log.1', 'svc-1.log.2', 'svc-1.log.3', 'svc-1.log.x', 'svc-2.log', 'svc-2.log.1', 'svc-2.log.2']);
  });

  it('on a full disk (/dev/full: ENOSPC) reports once per episode and, once writes work again, says how many lines were lost', async () => {
    const path = join(dir, 'daemon.log');
    await symlink('/dev/full', path);
    const errors: string[] = [];
    const stream = new RotatingFileStream(path, {
      maxBytes: 1 << 20,
      maxFiles: 2,
      onError: (e) => errors.push((e as NodeJS.ErrnoException).code ?? e.message),
      droppedNotice: (n, e) => `lost ${n} (${(e as NodeJS.ErrnoException).code})\n`,
    });
    for (const line of ['one\n', 'two\n', 'three\n']) await write(stream, line);
    expect(errors).toEqual(['ENOSPC']);
    // Space again: the path now names a real file.
    await writeFile(join(dir, 'fresh'), '');
    await rename(join(dir, 'fresh'), path);
    await write(stream, 'four\n');
    await write(stream, 'five\n');
    expect(await readFile(path, 'utf8')).toBe('lost 3 (ENOSPC)\nfour\nfive\n');
    // A second episode is reported (and counted) on its own.
    await rm(path);
    await symlink('/dev/full', path);
    await write(stream, 'six\n');
    expect(errors).toEqual(['ENOSPC', 'ENOSPC']);
    await end(stream);
    expect(existsSync(path)).toBe(true);
  });
});

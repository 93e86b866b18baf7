import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RotatingFileStream } from './rotating-file.stream';

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

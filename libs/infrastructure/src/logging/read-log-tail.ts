import { err, ok, Result } from '@localport/domain';
import { open } from 'node:fs/promises';
import { LogFileError, LogFileNotFoundError, LogFileUnreadableError } from './log-file.errors';

const CHUNK_BYTES = 64 * 1024;

/**
 * The last `lines` lines of a log (matching `grep`, when given), oldest first. Reads backwards from the
 * end and continues into rotated files (`<file>.1`, `<file>.2`, …) when the current one has too few.
 */
export async function readLogTail(file: string, lines: number, grep?: RegExp): Promise<Result<string[], LogFileError>> {
  const want = Math.max(0, Math.floor(lines));
  const matcher = grep ? new RegExp(grep.source, grep.flags.replace(/[gy]/g, '')) : null;
  const newestFirst: string[] = [];
  let foundAny = false;
  for (let index = 0; newestFirst.length < want || !foundAny; index++) {
    const path = index === 0 ? file : `${file}.${index}`;
    const read = await tailOfFile(path, want - newestFirst.length, matcher, newestFirst);
    if (read.kind === 'missing') {
      // The current file may be missing for an instant while it rotates; `.1` then holds the latest lines.
      if (index === 0) continue;
      break;
    }
    if (read.kind === 'failed') return err(new LogFileUnreadableError(path, read.cause));
    foundAny = true;
    if (want === 0) break;
  }
  if (!foundAny) return err(new LogFileNotFoundError(file));
  return ok(newestFirst.slice(0, want).reverse());
}

/** Pushes up to `need` matching lines of one file onto `out`, newest first. */
async function tailOfFile(path: string, need: number, grep: RegExp | null, out: string[]): Promise<TailOutcome> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? { kind: 'missing' } : { kind: 'failed', cause: e };
  }
  try {
    let position = (await handle.stat()).size;
    let carry = Buffer.alloc(0);
    let taken = 0;
    let atEnd = true;
    while (taken < need && (position > 0 || carry.length > 0)) {
      const size = Math.min(CHUNK_BYTES, position);
      position -= size;
      const chunk = Buffer.alloc(size);
      if (size > 0) await handle.read(chunk, 0, size, position);
      const data = Buffer.concat([chunk, carry]);
      let end = data.length;
      // A trailing newline closes the last line rather than starting an empty one.
      if (atEnd && end > 0 && data[end - 1] === 0x0a) end--;
      atEnd = false;
      let nl = data.lastIndexOf(0x0a, end - 1);
      while (nl >= 0 && taken < need) {
        if (take(data.subarray(nl + 1, end), grep, out)) taken++;
        end = nl;
        nl = end > 0 ? data.lastIndexOf(0x0a, end - 1) : -1;
      }
      carry = data.subarray(0, end);
      if (position === 0 && taken < need) {
        if (carry.length > 0 && take(carry, grep, out)) taken++;
        carry = Buffer.alloc(0);
      }
    }
    return { kind: 'read' };
  } catch (e) {
    return { kind: 'failed', cause: e };
  } finally {
    await handle.close();
  }
}

type TailOutcome = { readonly kind: 'read' | 'missing' } | { readonly kind: 'failed'; readonly cause: unknown };

function take(bytes: Buffer, grep: RegExp | null, out: string[]): boolean {
  const line = bytes.toString('utf8').replace(/\r$/, '');
  if (grep && !grep.test(line)) return false;
  out.push(line);
  return true;
}

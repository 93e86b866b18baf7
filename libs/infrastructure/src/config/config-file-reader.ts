import { readFile } from 'node:fs/promises';
import { ConfigError } from '@localport/application';
import { err, ok, Result } from '@localport/domain';

/** Stage 1, read: the file's text; a missing file is CONFIG.NOT_FOUND, an unreadable one CONFIG.UNREADABLE. */
export async function readConfigText(path: string): Promise<Result<string, ConfigError>> {
  try {
    return ok(await readFile(path, 'utf8'));
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return err(new ConfigError('CONFIG.NOT_FOUND', `${path}: no such file`, [{ file: path, message: 'no such file' }], { cause }));
    return err(new ConfigError('CONFIG.UNREADABLE', `${path}: cannot read (${code ?? (cause as Error).message})`, [{ file: path, message: `cannot read (${code})` }], { cause }));
  }
}

import { chmodSync, lstatSync, mkdirSync } from 'node:fs';
import { err, LocalportError, ok, Result } from '@localport/domain';

/** A directory for LocalPort's private files could not be created or is not safe to use. */
export class PrivateDirError extends LocalportError {
  constructor(
    readonly code: 'PATHS.UNSAFE_DIR' | 'PATHS.UNWRITABLE',
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Creates `path` (and missing parents) with mode 0700 and checks that it is a real directory owned
 * by this user; tightens its mode when group or others have access. Returns the path.
 */
export function ensurePrivateDir(path: string): Result<string, PrivateDirError> {
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
  } catch (cause) {
    return err(new PrivateDirError('PATHS.UNWRITABLE', path, `cannot create ${path}: ${(cause as Error).message}`, { cause }));
  }
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return err(new PrivateDirError('PATHS.UNSAFE_DIR', path, `${path} is not a directory (a symlink or file is in the way)`));
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    return err(new PrivateDirError('PATHS.UNSAFE_DIR', path, `${path} belongs to uid ${stat.uid}, not to this user (${uid})`));
  }
  if ((stat.mode & 0o077) !== 0) {
    try {
      chmodSync(path, 0o700);
    } catch (cause) {
      return err(new PrivateDirError('PATHS.UNSAFE_DIR', path, `${path} is accessible to other users and cannot be made private`, { cause }));
    }
  }
  return ok(path);
}

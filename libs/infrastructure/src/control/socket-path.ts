import { err, ok, Result } from '@localport/domain';
import { chmod, lstat, mkdir, unlink } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { dirname } from 'node:path';
import { CONTROL_ERROR_CODES as C, ControlError } from './control.errors';

/** Linux's sun_path holds 108 bytes including the terminating NUL. */
export const MAX_SOCKET_PATH_BYTES = 107;

/**
 * Makes `socketPath` ready to listen on: its directory exists (created 0700), and a socket file left by a
 * dead daemon is removed. Fails when a live server answers there or the path is unusable.
 */
export async function prepareSocketPath(socketPath: string): Promise<Result<void, ControlError>> {
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH_BYTES) {
    return err(new ControlError(C.socketPathTooLong, `Socket path is longer than ${MAX_SOCKET_PATH_BYTES} bytes: ${socketPath}`));
  }
  try {
    const dir = dirname(socketPath);
    if (await mkdir(dir, { recursive: true, mode: 0o700 })) await chmod(dir, 0o700);
    const existing = await lstat(socketPath).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    if (!existing) return ok(undefined);
    if (!existing.isSocket()) return err(new ControlError(C.socketUnavailable, `${socketPath} exists and is not a socket`));
    if (await answers(socketPath)) return err(new ControlError(C.alreadyRunning, `Another daemon is listening on ${socketPath}`));
    await unlink(socketPath).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
    return ok(undefined);
  } catch (e) {
    return err(new ControlError(C.socketUnavailable, `Cannot prepare control socket ${socketPath}: ${(e as Error).message}`, undefined, { cause: e }));
  }
}

/** Whether something accepts connections on the socket (a refused or failed connect means a stale file). */
function answers(socketPath: string, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(socketPath);
    const done = (alive: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(alive);
    };
    // A server too busy to accept within the timeout is still alive: do not steal its socket.
    const timer = setTimeout(() => done(true), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

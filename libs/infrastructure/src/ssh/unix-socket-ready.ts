import { FSWatcher, watch } from 'node:fs';
import { stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { basename, dirname } from 'node:path';

/** How soon, and how many times, to try again after the socket file appeared but refused (ssh binds, then listens). */
const REFUSED_RETRY_MS = 5;
const REFUSED_RETRIES = 20;

/**
 * Resolves once a Unix socket exists and accepts a connection; rejects once `stop` aborts. It tries when its
 * directory reports the file (inotify: ssh's bind is seen within a millisecond, with no polling while ssh
 * authenticates) and, in case the file system reports nothing, every `pollMs` as well.
 */
export async function whenUnixSocketAccepts(path: string, stop: AbortSignal, pollMs = 250): Promise<void> {
  const name = basename(path);
  let wake: (() => void) | null = null;
  let quick = 0;
  const nudge = () => {
    quick = REFUSED_RETRIES;
    wake?.();
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(path), { persistent: false }, (_event, changed) => {
      if (!changed || changed.toString() === name) nudge();
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    // No watcher (the directory is gone, or no inotify): the poll alone finds the socket.
  }
  try {
    while (!stop.aborted) {
      if (await accepts(path)) return;
      // Reported but refused: ssh has bound the socket and is about to listen.
      const delay = quick > 0 ? REFUSED_RETRY_MS : pollMs;
      quick = Math.max(0, quick - 1);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, delay);
        wake = done;
        stop.addEventListener('abort', done, { once: true });
        function done() {
          clearTimeout(timer);
          wake = null;
          stop.removeEventListener('abort', done);
          resolve();
        }
      });
    }
  } finally {
    watcher?.close();
  }
  throw new Error(`gave up waiting for ${path}`);
}

async function accepts(path: string): Promise<boolean> {
  const isSocket = await stat(path).then((s) => s.isSocket(), () => false);
  if (!isSocket) return false;
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

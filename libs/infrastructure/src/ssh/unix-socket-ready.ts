import { connect } from 'node:net';
import { stat } from 'node:fs/promises';

/** Resolves once a Unix socket exists and accepts a connection; checks every `pollMs` until `stop` aborts. */
export async function whenUnixSocketAccepts(path: string, stop: AbortSignal, pollMs = 50): Promise<void> {
  while (!stop.aborted) {
    if (await accepts(path)) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, pollMs);
      stop.addEventListener('abort', done, { once: true });
      function done() {
        clearTimeout(timer);
        stop.removeEventListener('abort', done);
        resolve();
      }
    });
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

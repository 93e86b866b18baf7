import { createServer } from 'node:net';

/** A TCP port that was free on `host` a moment ago (bind to 0, read, close). Racy by nature: retry on EADDRINUSE. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const a = server.address();
      const port = a !== null && typeof a === 'object' ? a.port : 0;
      server.close(() => resolve(port));
    });
  });
}

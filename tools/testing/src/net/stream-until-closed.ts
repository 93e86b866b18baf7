import { Socket } from 'node:net';

/**
 * Writes `chunk` again and again on `socket`, waiting on back-pressure, until `maxBytes` have gone or the peer has
 * hung up; resolves with the bytes handed to the socket. A write error (EPIPE once the peer has closed) ends it too.
 */
export async function streamUntilClosed(socket: Socket, chunk: Buffer, maxBytes: number): Promise<number> {
  socket.on('error', () => undefined);
  let sent = 0;
  for (; sent < maxBytes && !socket.destroyed; sent += chunk.length) {
    if (!socket.write(chunk)) await drainedOrClosed(socket);
  }
  return sent;
}

/** Waits for `socket` to drain or close, leaving no listener behind. */
function drainedOrClosed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      socket.off('drain', done).off('close', done);
      resolve();
    };
    socket.on('drain', done).on('close', done);
  });
}

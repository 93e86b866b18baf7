import { connect, NetConnectOpts } from 'node:net';

/** Sends `payload` over a new connection and resolves with the first `payload.length` bytes that come back. */
export function roundTrip(target: NetConnectOpts, payload: Buffer, timeoutMs = 10_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect(target);
    const chunks: Buffer[] = [];
    let received = 0;
    const timer = setTimeout(() => fail(new Error(`round trip timed out after ${received}/${payload.length} bytes`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    socket.once('connect', () => socket.write(payload));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received >= payload.length) {
        clearTimeout(timer);
        socket.destroy();
        resolve(Buffer.concat(chunks).subarray(0, payload.length));
      }
    });
    socket.once('error', fail);
    socket.once('close', () => fail(new Error(`connection closed after ${received}/${payload.length} bytes`)));
  });
}

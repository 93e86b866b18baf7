import { createHash, randomBytes } from 'node:crypto';
import { connectTcp } from '@localport/testing/loopback';

/** Sends `size` random bytes through the port to an echo server and checks what comes back byte for byte. */
export async function echoes(port: number, size = 64 * 1024): Promise<boolean> {
  const payload = randomBytes(size);
  const socket = await connectTcp(port);
  try {
    const received = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let got = 0;
      socket.on('data', (c: Buffer) => {
        chunks.push(c);
        got += c.length;
        if (got >= size) resolve(Buffer.concat(chunks));
      });
      socket.once('error', reject);
      socket.once('close', () => resolve(Buffer.concat(chunks)));
      socket.write(payload);
    });
    return received.equals(payload);
  } finally {
    socket.destroy();
  }
}

/** Streams `totalBytes` of random data both ways through an echo server, with backpressure; sha256 and counts of both directions. */
export async function bulkEcho(port: number, totalBytes: number): Promise<{ sent: string; received: string; receivedBytes: number }> {
  const socket = await connectTcp(port);
  const sentHash = createHash('sha256');
  const receivedHash = createHash('sha256');
  let receivedBytes = 0;
  const done = new Promise<void>((resolve, reject) => {
    socket.on('data', (c: Buffer) => {
      receivedHash.update(c);
      receivedBytes += c.length;
      if (receivedBytes >= totalBytes) resolve();
    });
    socket.once('error', reject);
    socket.once('close', () => (receivedBytes >= totalBytes ? resolve() : reject(new Error(`closed after ${receivedBytes} of ${totalBytes} bytes`))));
  });
  const chunk = 1024 * 1024;
  for (let sent = 0; sent < totalBytes; sent += chunk) {
    const block = randomBytes(Math.min(chunk, totalBytes - sent));
    sentHash.update(block);
    if (!socket.write(block)) await new Promise((resolve) => socket.once('drain', resolve));
  }
  await done;
  socket.destroy();
  return { sent: sentHash.digest('hex'), received: receivedHash.digest('hex'), receivedBytes };
}

/** Connects, sends `request`, and collects until the socket closes; `halfClose` ends the sending side after the request. */
export async function converse(port: number, request: string, halfClose: boolean): Promise<{ reply: string; ended: boolean; error?: string }> {
  const socket = await connectTcp(port);
  return new Promise((resolve) => {
    let reply = '';
    let ended = false;
    let error: string | undefined;
    socket.setEncoding('utf8');
    socket.on('data', (s: string) => (reply += s));
    socket.once('end', () => {
      ended = true;
      socket.end();
    });
    socket.once('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    socket.once('close', () => resolve({ reply, ended, error }));
    if (halfClose) socket.end(request);
    else socket.write(request);
  });
}

/** A connection that has had one echo round trip; `closed` resolves when it ends, with how. */
export async function establishedEcho(port: number): Promise<{ closed: Promise<{ error?: string }>; socket: import('node:net').Socket }> {
  const socket = await connectTcp(port);
  const closed = new Promise<{ error?: string }>((resolve) => {
    let error: string | undefined;
    socket.once('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    socket.once('close', () => resolve({ error }));
  });
  await new Promise<void>((resolve) => {
    socket.once('data', () => resolve());
    socket.write('x');
  });
  return { closed, socket };
}

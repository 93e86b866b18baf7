import { randomBytes } from 'node:crypto';
import { connect, Socket } from 'node:net';

const open = (port: number): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const s = connect({ port, host: '127.0.0.1', noDelay: true });
    s.once('error', reject).once('connect', () => resolve(s));
  });

/** Streams `bytes` through an echo path (both directions at once); MB/s of each direction. */
export async function throughputMBps(port: number, bytes: number): Promise<number> {
  const s = await open(port);
  const block = randomBytes(1024 * 1024);
  const started = process.hrtime.bigint();
  const done = new Promise<void>((resolve, reject) => {
    let got = 0;
    s.on('data', (c: Buffer) => {
      got += c.length;
      if (got >= bytes) resolve();
    });
    s.once('error', reject);
  });
  for (let sent = 0; sent < bytes; sent += block.length) if (!s.write(block)) await new Promise((r) => s.once('drain', r));
  await done;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  s.destroy();
  return bytes / 1024 / 1024 / seconds;
}

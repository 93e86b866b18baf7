import { randomBytes } from 'node:crypto';
import { connect, Socket } from 'node:net';
import { summarize } from '../support/stats';

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

/** Median round trip (µs) of `size`-byte ping-pongs on one open connection, after a warm-up. */
export async function pingPongP50Us(port: number, iterations: number, size = 64): Promise<number> {
  const s = await open(port);
  const msg = randomBytes(size);
  const once = (): Promise<number> =>
    new Promise((resolve) => {
      let got = 0;
      const t0 = process.hrtime.bigint();
      const onData = (c: Buffer): void => {
        got += c.length;
        if (got < size) return;
        s.off('data', onData);
        resolve(Number(process.hrtime.bigint() - t0) / 1000);
      };
      s.on('data', onData);
      s.write(msg);
    });
  for (let i = 0; i < 200; i++) await once();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) samples.push(await once());
  s.destroy();
  return summarize(samples).median;
}

/** Median time (ms) from connect() to the first echoed byte of a new connection, `n` connections one after another. */
export async function timeToFirstByteMs(port: number, n: number, pauseMs = 100): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const s = connect({ port, host: '127.0.0.1', noDelay: true });
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.once('data', () => resolve());
      s.write('x');
    });
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    s.destroy();
    // Leave time for a spare connection to be opened again, as between a user's requests.
    await new Promise((r) => setTimeout(r, pauseMs));
  }
  return summarize(samples).median;
}

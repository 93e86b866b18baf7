import { connect, Socket } from 'node:net';
import { summarize, Summary } from '../support/stats';
import { ACK, ECHO, sinkHeader } from './target-protocol';

const CHUNK = Buffer.alloc(64 * 1024, 0x5a);

/** Opens a TCP connection to 127.0.0.1:port; rejects on error or after `timeoutMs`. */
function open(port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', noDelay: true });
    const timer = setTimeout(() => fail(new Error(`connect timed out after ${timeoutMs} ms`)), timeoutMs);
    const fail = (e: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(e);
    };
    socket.once('error', fail).once('connect', () => {
      clearTimeout(timer);
      socket.off('error', fail);
      resolve(socket);
    });
  });
}

/** Resolves once `n` bytes have arrived on `socket` (or rejects on close, error or timeout). */
function receive(socket: Socket, n: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let got = 0;
    const done = (e?: Error) => {
      clearTimeout(timer);
      socket.off('data', onData).off('close', onClose).off('error', done);
      if (e) reject(e);
      else resolve();
    };
    const onData = (c: Buffer) => {
      got += c.length;
      if (got >= n) done();
    };
    const onClose = () => done(new Error(`connection closed after ${got}/${n} bytes`));
    const timer = setTimeout(() => done(new Error(`no reply within ${timeoutMs} ms (${got}/${n} bytes)`)), timeoutMs);
    socket.on('data', onData).once('close', onClose).once('error', done);
  });
}

/** Sends `bytes` to the sink through `port`; the time runs from connect() to the sink's ACK. */
export async function throughput(a: { port: number; bytes: number; timeoutMs: number }): Promise<{ ms: number; mbPerS: number }> {
  const t0 = performance.now();
  const socket = await open(a.port, a.timeoutMs);
  try {
    const acked = receive(socket, ACK.length, a.timeoutMs);
    socket.write(sinkHeader(a.bytes));
    let sent = 0;
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      const pump = (): void => {
        while (sent < a.bytes) {
          const n = Math.min(CHUNK.length, a.bytes - sent);
          sent += n;
          if (!socket.write(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n))) return void socket.once('drain', pump);
        }
        resolve();
      };
      pump();
    });
    await acked;
    const ms = performance.now() - t0;
    return { ms, mbPerS: a.bytes / 1048576 / (ms / 1000) };
  } finally {
    socket.destroy();
  }
}

/** Round trips of `size`-byte messages, one at a time, on one connection; microseconds, after `warmup` untimed ones. */
export async function pingPong(a: { port: number; warmup: number; iterations: number; size: number; timeoutMs: number }): Promise<Summary> {
  const socket = await open(a.port, a.timeoutMs);
  try {
    socket.write(Buffer.from([ECHO]));
    const message = Buffer.alloc(a.size, 0x61);
    const samples: number[] = [];
    for (let i = 0; i < a.warmup + a.iterations; i++) {
      const t = process.hrtime.bigint();
      const back = receive(socket, a.size, a.timeoutMs);
      socket.write(message);
      await back;
      if (i >= a.warmup) samples.push(Number(process.hrtime.bigint() - t) / 1000);
    }
    return summarize(samples);
  } finally {
    socket.destroy();
  }
}

/** One new connection, one 16-byte echo; resolves the milliseconds it took or rejects with why it failed. */
export async function echoOnce(a: { port: number; timeoutMs: number }): Promise<number> {
  const t0 = performance.now();
  const socket = await open(a.port, a.timeoutMs);
  try {
    const back = receive(socket, 16, a.timeoutMs);
    socket.write(Buffer.concat([Buffer.from([ECHO]), Buffer.alloc(16, 0x62)]));
    await back;
    return performance.now() - t0;
  } finally {
    socket.destroy();
  }
}

/**
 * SIGKILLs `pid`, then opens new connections through `port` until one gets its echo back (each attempt bounded by
 * `attemptTimeoutMs`, all of them by `deadlineMs`). Time runs from the kill.
 */
export async function killAndProbe(a: { pid: number; port: number; attemptTimeoutMs: number; deadlineMs: number }): Promise<{ ms: number | null; attempts: number; failures: string[] }> {
  const t0 = performance.now();
  process.kill(a.pid, 'SIGKILL');
  const failures: string[] = [];
  for (let attempts = 1; performance.now() - t0 < a.deadlineMs; attempts++) {
    try {
      await echoOnce({ port: a.port, timeoutMs: a.attemptTimeoutMs });
      return { ms: performance.now() - t0, attempts, failures };
    } catch (e) {
      failures.push((e as Error).message);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  return { ms: null, attempts: failures.length, failures };
}

/**
 * For each port, opens connections (each bounded by `attemptTimeoutMs`) until one gets its echo back; resolves, per
 * port, the wall-clock time (Date.now()) of that first echo, or null if none came before `deadlineMs`.
 */
export async function firstEchoes(a: { ports: readonly number[]; attemptTimeoutMs: number; deadlineMs: number }): Promise<(number | null)[]> {
  const end = Date.now() + a.deadlineMs;
  return Promise.all(
    a.ports.map(async (port) => {
      while (Date.now() < end) {
        try {
          await echoOnce({ port, timeoutMs: a.attemptTimeoutMs });
          return Date.now();
        } catch {
          await new Promise((r) => setTimeout(r, 10));
        }
      }
      return null;
    }),
  );
}

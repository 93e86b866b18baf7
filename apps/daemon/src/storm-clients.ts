import { connect } from 'node:net';

/** What a storm of clients saw: how many got their bytes back, and how long that took (ms, connect to echo). */
export interface StormResult {
  readonly total: number;
  readonly served: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly wallMs: number;
  /** One line per failed client (its error), in order of failure. */
  readonly failures: readonly string[];
}

/** Opens `clients` connections to 127.0.0.1:`port` at once; each sends 32 bytes and waits for them to come back. */
export async function connectionStorm(port: number, clients: number, timeoutMs: number): Promise<StormResult> {
  const started = Date.now();
  const latencies: number[] = [];
  const failures: string[] = [];
  await Promise.all(
    Array.from({ length: clients }, (_, i) =>
      echoOnce(port, Buffer.from(`client-${String(i).padStart(6, '0')}-${'x'.repeat(18)}`), timeoutMs).then(
        (ms) => void latencies.push(ms),
        (e: Error) => void failures.push(e.message),
      ),
    ),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] : NaN);
  return { total: clients, served: latencies.length, p50Ms: pct(50), p99Ms: pct(99), wallMs: Date.now() - started, failures };
}

function echoOnce(port: number, payload: Buffer, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const socket = connect({ host: '127.0.0.1', port });
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => done(new Error(`timed out after ${received.length}/${payload.length} bytes`)), timeoutMs);
    const done = (error: Error | null) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(Date.now() - t0);
    };
    socket.once('connect', () => socket.write(payload));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < payload.length) return;
      done(received.subarray(0, payload.length).equals(payload) ? null : new Error('echo differs from what was sent'));
    });
    socket.once('error', (e) => done(e));
    socket.once('close', () => done(new Error(`closed after ${received.length}/${payload.length} bytes`)));
  });
}

import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

/** Latencies (ms) of status requests, sorted, with the percentiles the mass-config test reports. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** The slowest requests, worst first: what each took and when it was sent (ms since polling began). */
  readonly slowest: readonly { readonly ms: number; readonly atMs: number }[];
}

interface PollerReport {
  readonly samples: { ms: number; atMs: number }[];
  readonly errors: string[];
}

/**
 * The poller, run in a process of its own: it sends one status request at a time on a new connection, times it
 * from connect to the reply's last byte, then checks the reply (a JSON line with `ok: true`). In the test's own
 * process its timings would include jest's work (parsing 800 KB replies, the other test's timers, its garbage
 * collection: pauses of 50-90 ms measured there), which is not the daemon answering.
 */
const SCRIPT = `
const { connect } = require('node:net');
const [socketPath, timeoutMs] = [process.argv[1], Number(process.argv[2])];
const samples = [];
const errors = [];
const began = performance.now();
let running = true;
function timedStatus() {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const socket = connect(socketPath);
    const timer = setTimeout(() => finish(new Error('status: no reply within ' + timeoutMs + ' ms')), timeoutMs);
    const chunks = [];
    const finish = (error) => {
      const ms = performance.now() - t0;
      clearTimeout(timer);
      socket.destroy();
      if (error) return reject(error);
      const reply = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (reply.ok !== true) return reject(new Error('status failed: ' + JSON.stringify(reply.error)));
      resolve(ms);
    };
    socket.once('connect', () => socket.write(JSON.stringify({ v: 1, id: 'poll', method: 'status', params: {} }) + '\\n'));
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      // Replies are one line: the newline can only be the last byte of the last chunk.
      if (chunk[chunk.length - 1] === 0x0a) finish(null);
    });
    socket.once('error', (e) => finish(e));
  });
}
const loop = (async () => {
  while (running) {
    const at = performance.now() - began;
    try {
      samples.push({ ms: await timedStatus(), atMs: at });
    } catch (e) {
      errors.push(Math.round(at) + ' ms: ' + e.message);
    }
  }
})();
process.on('message', async () => {
  running = false;
  await loop;
  process.send({ samples, errors }, () => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
process.send('polling');
`;

/**
 * Polls `status` back to back (one request in flight at a time), from a process of its own, until `stop()` is
 * called; `stop()` resolves with every latency. A request that fails or times out is recorded as an error, not
 * dropped.
 */
export async function pollStatus(socketPath: string, timeoutMs = 5_000): Promise<{ stop: () => Promise<{ summary: LatencySummary; errors: string[] }> }> {
  const child: ChildProcess = spawn(process.execPath, ['-e', SCRIPT, socketPath, String(timeoutMs)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = once(child, 'exit').then(() => {
    throw new Error('the status poller exited before it reported');
  });
  exited.catch(() => undefined);
  await Promise.race([once(child, 'message'), exited]);
  return {
    stop: async () => {
      child.send('stop');
      const [report] = (await Promise.race([once(child, 'message'), exited])) as [PollerReport];
      return { summary: summarizeLatencies(report.samples), errors: report.errors };
    },
  };
}

/** Sorts the samples and reads p50/p99/max off them. */
export function summarizeLatencies(samples: readonly { ms: number; atMs: number }[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a.ms - b.ms);
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))].ms : NaN);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    count: sorted.length, p50: round(at(50)), p99: round(at(99)), max: round(sorted.length ? sorted[sorted.length - 1].ms : NaN),
    slowest: sorted.slice(-5).reverse().map((s) => ({ ms: round(s.ms), atMs: Math.round(s.atMs) })),
  };
}

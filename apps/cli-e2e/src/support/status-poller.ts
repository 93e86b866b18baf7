import { connect } from 'node:net';

/** Latencies (ms) of status requests, sorted, with the percentiles the mass-config test reports. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** The slowest requests, worst first: what each took and when it was sent (ms since polling began). */
  readonly slowest: readonly { readonly ms: number; readonly atMs: number }[];
}

/** Sends one status request on a new connection; resolves with the ms from connect to the whole reply line. */
export function timedStatus(socketPath: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const socket = connect(socketPath);
    const timer = setTimeout(() => finish(new Error(`status: no reply within ${timeoutMs} ms`)), timeoutMs);
    const chunks: Buffer[] = [];
    const finish = (error: Error | null) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) return reject(error);
      const reply = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ok?: boolean; error?: unknown };
      if (reply.ok !== true) return reject(new Error(`status failed: ${JSON.stringify(reply.error)}`));
      resolve(performance.now() - t0);
    };
    socket.once('connect', () => socket.write(`${JSON.stringify({ v: 1, id: 'poll', method: 'status', params: {} })}\n`));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // Replies are one line: the newline can only be the last byte of the last chunk.
      if (chunk[chunk.length - 1] === 0x0a) finish(null);
    });
    socket.once('error', (e) => finish(e));
  });
}

/**
 * Polls `status` back to back (one request in flight at a time) until `stop()` is called; `stop()`
 * resolves with every latency. A request that fails or times out is recorded as an error, not dropped.
 */
export function pollStatus(socketPath: string, timeoutMs = 5_000): { stop: () => Promise<{ summary: LatencySummary; errors: string[] }> } {
  const samples: { ms: number; atMs: number }[] = [];
  const errors: string[] = [];
  const began = performance.now();
  let running = true;
  const loop = (async () => {
    while (running) {
      const at = performance.now() - began;
      try {
        samples.push({ ms: await timedStatus(socketPath, timeoutMs), atMs: at });
      } catch (e) {
        errors.push(`${Math.round(at)} ms: ${(e as Error).message}`);
      }
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { summary: summarizeLatencies(samples), errors };
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

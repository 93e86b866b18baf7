import { RequestOutcome } from './request-tally';

/** A short name for why a request failed, from the load worker's error message. */
export function failureKind(message: string): string {
  const code = /\b(E[A-Z]{3,})\b/.exec(message)?.[1];
  if (code) return code;
  if (/closed after/.test(message)) return 'closed before the echo';
  if (/timed out|within \d+ ms/.test(message)) return 'timeout';
  return message.slice(0, 60);
}

/** A loop of requests started every `everyMs` (not waiting for each other), as a client polling a service does. */
export class RequestLoop {
  readonly outcomes: RequestOutcome[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timer: NodeJS.Timeout;

  /** Starts at once; `request` resolves when the request got its answer and rejects when it did not. */
  constructor(
    private readonly request: () => Promise<unknown>,
    everyMs: number,
  ) {
    this.timer = setInterval(() => this.fire(), everyMs);
    this.fire();
  }

  /** Stops starting requests; resolves every outcome once the ones in flight have ended. */
  async stop(): Promise<RequestOutcome[]> {
    clearInterval(this.timer);
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
    return [...this.outcomes].sort((a, b) => a.startedAt - b.startedAt);
  }

  private fire(): void {
    const startedAt = performance.now();
    const done = this.request().then(
      () => void this.outcomes.push({ startedAt, endedAt: performance.now(), ok: true }),
      (e: Error) => void this.outcomes.push({ startedAt, endedAt: performance.now(), ok: false, error: failureKind(e.message ?? String(e)) }),
    );
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
  }
}

import { Clock, Timer } from '../ports/clock.port';
import { UpstreamEndpoint } from '../ports/tunnel-launcher.port';

/** Client connections waiting for an upstream to come (back) up, each with its own deadline. */
export class EndpointWaiters {
  private readonly waiting = new Set<{ resolve: (e: UpstreamEndpoint | null) => void; timer: Timer }>();

  constructor(private readonly clock: Clock) {}

  /** Resolves with the next endpoint offered, or null after `timeoutMs`. */
  wait(timeoutMs: number): Promise<UpstreamEndpoint | null> {
    return new Promise((resolve) => {
      const entry = { resolve, timer: this.clock.setTimer(timeoutMs, () => this.settle(entry, null)) };
      this.waiting.add(entry);
    });
  }

  /** Hands `endpoint` (or null: give up) to everyone waiting. */
  release(endpoint: UpstreamEndpoint | null): void {
    for (const entry of [...this.waiting]) this.settle(entry, endpoint);
  }

  get size(): number {
    return this.waiting.size;
  }

  private settle(entry: { resolve: (e: UpstreamEndpoint | null) => void; timer: Timer }, endpoint: UpstreamEndpoint | null): void {
    if (!this.waiting.delete(entry)) return;
    entry.timer.cancel();
    entry.resolve(endpoint);
  }
}

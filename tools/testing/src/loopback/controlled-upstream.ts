import { UpstreamEndpoint, UpstreamSource } from '@localport/application';

/**
 * An UpstreamSource a test drives by hand: `set()` an endpoint (or null to make clients wait), and see
 * every `acquire` and reported dial failure. Waiting acquires resolve as soon as an endpoint is set.
 */
export class ControlledUpstream implements UpstreamSource {
  readonly acquires: number[] = [];
  readonly dialFailures: { endpoint: UpstreamEndpoint; message: string }[] = [];
  private waiters = new Set<(e: UpstreamEndpoint | null) => void>();
  private acquireListeners: (() => void)[] = [];
  /** Called on each dial failure; may set a new endpoint (like a supervisor restarting its tunnel). */
  onDialFailure: (endpoint: UpstreamEndpoint) => void = () => undefined;

  constructor(private endpoint: UpstreamEndpoint | null = null) {}

  set(endpoint: UpstreamEndpoint | null): void {
    this.endpoint = endpoint;
    if (endpoint === null) return;
    for (const wake of this.waiters) wake(endpoint);
    this.waiters.clear();
  }

  /** Resolves every waiting acquire with null at once (clears their timers, for test clean-up). */
  release(): void {
    for (const wake of [...this.waiters]) wake(null);
  }

  /** Acquires currently waiting for an endpoint. */
  get waiting(): number {
    return this.waiters.size;
  }

  /** Resolves at the next `acquire` call (after it has registered as waiting, when it waits). */
  nextAcquire(): Promise<void> {
    return new Promise((resolve) => this.acquireListeners.push(resolve));
  }

  acquire(timeoutMs: number): Promise<UpstreamEndpoint | null> {
    this.acquires.push(timeoutMs);
    const listeners = this.acquireListeners.splice(0);
    queueMicrotask(() => listeners.forEach((l) => l()));
    if (this.endpoint) return Promise.resolve(this.endpoint);
    return new Promise((resolve) => {
      const wake = (e: UpstreamEndpoint | null): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(e);
      };
      const timer = setTimeout(() => wake(null), timeoutMs);
      this.waiters.add(wake);
    });
  }

  reportDialFailure(endpoint: UpstreamEndpoint, message: string): void {
    this.dialFailures.push({ endpoint, message });
    this.onDialFailure(endpoint);
  }
}

/** How many tunnels one daemon starts at once; the others wait their turn (a 2,000-service config must not spawn 2,000 processes at once). */
export const MAX_CONCURRENT_LAUNCHES = 8;

interface Waiter {
  readonly grant: (release: (() => void) | null) => void;
  readonly signal: AbortSignal;
}

/** A small first-come queue of launch slots shared by every service of a daemon. */
export class LaunchQueue {
  private active = 0;
  private readonly waiting: Waiter[] = [];

  constructor(readonly limit = MAX_CONCURRENT_LAUNCHES) {}

  /** Launches holding a slot now / waiting for one. */
  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with the function that frees the slot once one is free, or with null as soon as `signal` aborts. */
  acquire(signal: AbortSignal): Promise<(() => void) | null> {
    if (signal.aborted) return Promise.resolve(null);
    if (this.active < this.limit) return Promise.resolve(this.take());
    return new Promise((grant) => {
      const waiter: Waiter = { grant, signal };
      this.waiting.push(waiter);
      signal.addEventListener('abort', () => this.cancel(waiter), { once: true });
    });
  }

  private take(): () => void {
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.next();
    };
  }

  private next(): void {
    while (this.active < this.limit && this.waiting.length > 0) {
      const waiter = this.waiting.shift()!;
      if (!waiter.signal.aborted) waiter.grant(this.take());
    }
  }

  private cancel(waiter: Waiter): void {
    const i = this.waiting.indexOf(waiter);
    if (i < 0) return;
    this.waiting.splice(i, 1);
    waiter.grant(null);
  }
}

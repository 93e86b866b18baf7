interface Waiter {
  readonly wake: (granted: boolean) => void;
}

/** A counting semaphore per key, first come first served, with a deadline and an abort signal per wait. */
export class DialSlots {
  private readonly inUse = new Map<string, number>();
  private readonly queues = new Map<string, Waiter[]>();

  constructor(private readonly perKey: number) {}

  /** Resolves true once a slot for `key` is held; false when `deadline` (epoch ms) passes or `signal` aborts first. */
  take(key: string, deadline: number, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted || Date.now() >= deadline) return Promise.resolve(false);
    const used = this.inUse.get(key) ?? 0;
    if (used < this.perKey) {
      this.inUse.set(key, used + 1);
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const queue = this.queues.get(key) ?? [];
      this.queues.set(key, queue);
      const waiter: Waiter = {
        wake: (granted) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', giveUp);
          resolve(granted);
        },
      };
      const giveUp = (): void => {
        const at = queue.indexOf(waiter);
        if (at >= 0) queue.splice(at, 1);
        if (queue.length === 0 && this.queues.get(key) === queue) this.queues.delete(key);
        waiter.wake(false);
      };
      const timer = setTimeout(giveUp, deadline - Date.now());
      signal.addEventListener('abort', giveUp, { once: true });
      queue.push(waiter);
    });
  }

  /** Returns a slot taken for `key`, handing it straight to the next waiter if there is one. */
  give(key: string): void {
    const queue = this.queues.get(key);
    const next = queue?.shift();
    if (queue && queue.length === 0) this.queues.delete(key);
    if (next) return next.wake(true);
    const used = (this.inUse.get(key) ?? 1) - 1;
    if (used <= 0) this.inUse.delete(key);
    else this.inUse.set(key, used);
  }
}

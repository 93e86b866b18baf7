import { Clock, Random, Timer } from '../ports/clock.port';

interface Scheduled {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
  cancelled: boolean;
}

/** A clock that only moves when told to. Timers run in due order during advance(). */
export class FakeClock implements Clock {
  private wall: number;
  private mono = 0;
  private seq = 0;
  private timers: Scheduled[] = [];

  constructor(start = Date.UTC(2026, 10, 28, 9, 0, 0)) {
    this.wall = start;
  }

  now(): number {
    return this.wall;
  }

  monotonic(): number {
    return this.mono;
  }

  setTimer(ms: number, fn: () => void): Timer {
    const t: Scheduled = { at: this.mono + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.timers.push(t);
    return { cancel: () => void (t.cancelled = true) };
  }

  /** Timers still pending. */
  get pending(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }

  /** Moves both clocks forward, running due timers (and awaiting the promises they start) in order. */
  async advance(ms: number): Promise<void> {
    const end = this.mono + ms;
    for (;;) {
      await flush();
      const due = this.timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.wall += due.at - this.mono;
      this.mono = due.at;
      due.cancelled = true;
      this.timers = this.timers.filter((t) => !t.cancelled);
      due.fn();
    }
    this.wall += end - this.mono;
    this.mono = end;
    await flush();
  }

  /** Wall time jumps (a laptop waking up) while monotonic time stands still. */
  jumpWall(ms: number): void {
    this.wall += ms;
  }
}

/** Lets pending promise callbacks run (several macrotask turns, so chains of awaits settle). */
export async function flush(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Random numbers from a fixed list, repeated. */
export class FakeRandom implements Random {
  private i = 0;
  constructor(private readonly values: readonly number[] = [0.5]) {}
  next(): number {
    return this.values[this.i++ % this.values.length];
  }
}

/** A pending timer; cancel() is idempotent. */
export interface Timer {
  cancel(): void;
}

/** Time and timers. Wall time may jump (sleep, NTP); monotonic time never does. Milliseconds. */
export interface Clock {
  /** Wall-clock time, epoch milliseconds. */
  now(): number;
  /** Monotonic milliseconds since an arbitrary origin; does not advance while the machine sleeps on some systems. */
  monotonic(): number;
  /** Runs `fn` once after `ms` milliseconds. */
  setTimer(ms: number, fn: () => void): Timer;
}

/** Randomness, injectable so tests are deterministic. */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
}

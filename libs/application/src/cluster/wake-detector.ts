import { Clock, Timer } from '../ports/clock.port';

/**
 * Notices that wall-clock time jumped past the timers (a laptop woke up): on each tick it compares
 * wall time elapsed with monotonic time elapsed; a gap over `thresholdMs` is a wake.
 */
export class WakeDetector {
  private timer: Timer | null = null;
  private lastWall = 0;
  private lastMono = 0;

  constructor(
    private readonly clock: Clock,
    private readonly onWake: (sleptMs: number) => void,
    private readonly tickMs = 5_000,
    private readonly thresholdMs = 15_000,
  ) {}

  start(): void {
    this.lastWall = this.clock.now();
    this.lastMono = this.clock.monotonic();
    this.schedule();
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private schedule(): void {
    this.timer = this.clock.setTimer(this.tickMs, () => {
      const wall = this.clock.now();
      const mono = this.clock.monotonic();
      const gap = wall - this.lastWall - (mono - this.lastMono);
      // A late tick (the process was frozen) is a wake too, even where monotonic time kept running.
      const late = mono - this.lastMono - this.tickMs;
      this.lastWall = wall;
      this.lastMono = mono;
      if (gap > this.thresholdMs || late > this.thresholdMs) this.onWake(Math.max(gap, late));
      this.schedule();
    });
  }
}

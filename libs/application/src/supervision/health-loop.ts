import { Service } from '@localport/domain';
import { Clock, Timer } from '../ports/clock.port';
import { ForwardListener } from '../ports/forward-listener.port';
import { HealthProber } from '../ports/health-prober.port';

const LOOPBACK_FOR: Readonly<Record<string, string>> = { '0.0.0.0': '127.0.0.1', '::': '::1' };

/** Checks wait for the next tick of a grid this long (at most a tenth of their interval), shared by every service. */
const GRID_MS = 1_000;

/**
 * The wait before the next check: the interval, stretched to the next tick of a grid on the monotonic clock that
 * every service shares (1 s, or a tenth of a short interval). Services started in the same second then check in the
 * same turn of the event loop: one wake-up, one batch of connects and settle timers, instead of one each.
 */
export function nextCheckDelay(intervalMs: number, monotonicNow: number): number {
  const grid = Math.min(GRID_MS, Math.floor(intervalMs / 10));
  if (grid <= 0) return intervalMs;
  const due = monotonicNow + intervalMs;
  return intervalMs + ((grid - (due % grid)) % grid);
}

/** One run of checks for one tunnel; a check whose run or token is no longer current reports nothing. */
interface Run {
  readonly tunnel: number;
  timer: Timer | null;
  check: AbortController | null;
}

/**
 * Runs a service's health check through its local port: at once, then every interval, and
 * reports each result with the id of the tunnel it was started for. Counting results against the
 * thresholds is the lifecycle's business.
 */
export class HealthLoop {
  private run: Run | null = null;

  constructor(
    private readonly prober: HealthProber,
    private readonly clock: Clock,
    private readonly service: () => Service,
    /** The service's bound local port, handed to the prober with the target. */
    private readonly listener: () => ForwardListener | null,
    private readonly onResult: (tunnel: number, healthy: boolean, message: string | null) => void,
  ) {}

  start(tunnel: number): void {
    this.stop();
    this.run = { tunnel, timer: null, check: null };
    this.runNow();
  }

  stop(): void {
    this.run?.timer?.cancel();
    this.run?.check?.abort();
    this.run = null;
  }

  /** Checks now instead of waiting for the interval (a check in flight is abandoned). */
  runNow(): void {
    const run = this.run;
    if (!run) return;
    run.timer?.cancel();
    run.timer = null;
    run.check?.abort();
    const check = new AbortController();
    run.check = check;
    void this.check(run, check);
  }

  private async check(run: Run, check: AbortController): Promise<void> {
    const spec = this.service();
    const host = LOOPBACK_FOR[spec.bindAddress] ?? spec.bindAddress;
    const listener = this.listener();
    const target = { host, port: spec.localPort, ...(listener && { listener }) };
    const result = await this.prober.check(spec.healthCheck, target, check.signal).catch((e: unknown) => ({ ok: false as const, error: { message: e instanceof Error ? e.message : String(e) } }));
    if (this.run !== run || run.check !== check) return;
    run.check = null;
    run.timer = this.clock.setTimer(nextCheckDelay(spec.healthCheck.intervalMs, this.clock.monotonic()), () => this.runNow());
    this.onResult(run.tunnel, result.ok, result.ok ? null : result.error.message);
  }
}

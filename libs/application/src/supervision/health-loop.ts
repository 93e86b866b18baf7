import { Service } from '@localport/domain';
import { Clock, Timer } from '../ports/clock.port';
import { HealthProber } from '../ports/health-prober.port';

const LOOPBACK_FOR: Readonly<Record<string, string>> = { '0.0.0.0': '127.0.0.1', '::': '::1' };

/**
 * Runs a service's health check through its local port: at once, then every interval. Reports
 * healthy when `successThreshold` checks in a row pass, and unhealthy (once) when
 * `failureThreshold` checks in a row fail.
 */
export class HealthLoop {
  private timer: Timer | null = null;
  private abort: AbortController | null = null;
  private running = false;
  private generation = 0;
  private failures = 0;
  private successes = 0;
  private isHealthy = false;

  constructor(
    private readonly prober: HealthProber,
    private readonly clock: Clock,
    private readonly service: () => Service,
    private readonly onResult: (healthy: boolean, message: string | null) => void,
  ) {}

  get healthy(): boolean {
    return this.isHealthy;
  }

  start(): void {
    this.stop();
    this.running = true;
    this.runNow();
  }

  stop(): void {
    this.running = false;
    this.generation++;
    this.timer?.cancel();
    this.timer = null;
    this.abort?.abort();
    this.abort = null;
    this.failures = 0;
    this.successes = 0;
    this.isHealthy = false;
  }

  /** Checks now instead of waiting for the interval. */
  runNow(): void {
    if (!this.running) return;
    this.timer?.cancel();
    this.timer = null;
    void this.check(++this.generation);
  }

  private async check(gen: number): Promise<void> {
    const spec = this.service();
    const check = spec.healthCheck;
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const host = LOOPBACK_FOR[spec.bindAddress] ?? spec.bindAddress;
    const result = await this.prober.check(check, { host, port: spec.localPort }, abort.signal);
    if (gen !== this.generation || !this.running) return;
    if (result.ok) {
      this.failures = 0;
      this.successes++;
      if (!this.isHealthy && this.successes >= check.successThreshold) {
        this.isHealthy = true;
        this.onResult(true, null);
      }
    } else {
      this.successes = 0;
      this.failures++;
      if (this.failures >= check.failureThreshold) {
        this.isHealthy = false;
        this.running = false;
        this.onResult(false, result.error.message);
        return;
      }
    }
    this.timer = this.clock.setTimer(check.intervalMs, () => this.runNow());
  }
}

import { allowsRestarts, ClusterHealth, ClusterHealthSettings, ClusterObservation, deriveClusterHealth, unknownClusterHealth } from '@localport/domain';
import { Clock, Timer } from '../ports/clock.port';
import { ClusterProbe } from '../ports/cluster-probe.port';
import { Logger } from '../ports/logger.port';

/** While a context is failing it is re-checked this often (capped by its interval), so recovery shows fast. */
export const RECOVERY_POLL_MS = 2_000;

/**
 * Watches one kubectl context: a check at once, then every interval (which doubles as the
 * keepalive of idle forwards). Logs and reports status changes once, not every interval.
 */
export class ContextMonitor {
  private current: ClusterHealth;
  private last: ClusterObservation | null = null;
  private timer: Timer | null = null;
  private inFlight: Promise<ClusterHealth> | null = null;
  private stopped = false;
  private abort = new AbortController();

  constructor(
    readonly context: string,
    private settings: ClusterHealthSettings,
    private probe: ClusterProbe,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly onChange: (health: ClusterHealth, previous: ClusterHealth) => void,
  ) {
    this.current = unknownClusterHealth(context);
  }

  get health(): ClusterHealth {
    return this.current;
  }

  get observation(): ClusterObservation | null {
    return this.last;
  }

  get provider(): string {
    return this.probe.provider;
  }

  get intervalMs(): number {
    return this.settings.intervalMs;
  }

  /** False when the config turns events off for this context (`commands.events_on_failure: false`). */
  get eventsEnabled(): boolean {
    return this.settings.commands.eventsOnFailure;
  }

  get open(): boolean {
    return allowsRestarts(this.current);
  }

  start(): void {
    void this.check();
  }

  /** New settings (and maybe another provider) take effect from the next check. */
  reconfigure(settings: ClusterHealthSettings, probe: ClusterProbe): void {
    this.settings = settings;
    this.probe = probe;
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.abort.abort();
  }

  /** Checks now (coalesced with one in flight) and schedules the next check. */
  check(forceEvents = false): Promise<ClusterHealth> {
    if (this.inFlight) return this.inFlight;
    this.timer?.cancel();
    this.inFlight = this.run(forceEvents).finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async run(forceEvents: boolean): Promise<ClusterHealth> {
    const previous = this.current;
    // Recent warning events count towards health, so every check gathers them unless turned off.
    const includeEvents = forceEvents || this.settings.commands.eventsOnFailure;
    const outcome = await this.probe.check(this.context, this.settings, { includeEvents, signal: this.abort.signal });
    if (this.stopped) return this.current;
    if (outcome.reachable) {
      // Keep the last known events when this check did not ask for them.
      this.last = includeEvents || !this.last ? outcome.observation : { ...outcome.observation, events: this.last.events };
    }
    const next = deriveClusterHealth(previous, outcome.reachable && this.last ? { reachable: true, observation: this.last } : outcome, this.settings.failureThreshold);
    this.current = next;
    const gateFlipped = allowsRestarts(next) !== allowsRestarts(previous);
    if (next.status !== previous.status || gateFlipped) {
      const fields = { context: this.context, status: next.status, previous: previous.status, error: next.lastError };
      if (next.status !== previous.status) this.log[next.status === 'healthy' ? 'info' : 'warn']('cluster health changed', fields);
      else this.log.warn(allowsRestarts(next) ? 'cluster reachable again' : 'cluster unreachable; holding restarts of its services', fields);
      this.onChange(next, previous);
    }
    const delay = next.consecutiveFailures > 0 ? Math.min(RECOVERY_POLL_MS, this.settings.intervalMs) : this.settings.intervalMs;
    this.timer = this.clock.setTimer(delay, () => void this.check());
    return next;
  }
}

import { parseHostPort } from '@localport/domain';
import { Clock, Timer } from '../ports/clock.port';
import { HostProbe } from '../ports/host-probe.port';
import { Logger } from '../ports/logger.port';
import { RestartGate } from '../ports/restart-gate.port';

/** How often a host that services wait on is probed, and how long one probe may take (ms). */
export const HOST_PROBE_INTERVAL_MS = 2_000;
export const HOST_PROBE_TIMEOUT_MS = 1_500;

export interface HostReachabilityGateDeps {
  readonly probe: HostProbe;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly intervalMs?: number;
  readonly timeoutMs?: number;
}

interface HostEntry {
  open: boolean;
  holders: number;
  timer: Timer | null;
  inFlight: Promise<boolean> | null;
}

/**
 * The RestartGate of ssh services, keyed by `host:port` (the ssh server, or its first ProxyJump hop).
 * A host is closed on evidence: a tunnel failed with a connection error, or a probe failed. While
 * services hold a closed host, one prober per host probes it every `intervalMs`; the first answer
 * opens it (its services restart at once). Nothing is probed while nobody waits; a closed host
 * stays closed until a probe answers, so a service started meanwhile waits instead of failing.
 */
export class HostReachabilityGate implements RestartGate {
  private readonly hosts = new Map<string, HostEntry>();
  private readonly listeners = new Set<(key: string, open: boolean) => void>();
  /** When each host last answered a probe (monotonic ms). */
  private readonly answered = new Map<string, number>();
  private readonly intervalMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly deps: HostReachabilityGateDeps) {
    this.intervalMs = deps.intervalMs ?? HOST_PROBE_INTERVAL_MS;
    this.timeoutMs = deps.timeoutMs ?? HOST_PROBE_TIMEOUT_MS;
  }

  allowsRestart(key: string): boolean {
    return this.hosts.get(key)?.open ?? true;
  }

  async verify(key: string, evidence?: { readonly unreachable: boolean }): Promise<boolean> {
    // A host that answered a moment ago yet "refuses" ssh is not down (a port that accepts but is not
    // that sshd): probe instead, so the restart policy decides rather than a wait/relaunch cycle every 2 s.
    if (evidence?.unreachable && !this.answeredWithin(key, 2 * this.intervalMs)) {
      this.set(key, false);
      return false;
    }
    const open = await this.probe(key);
    this.set(key, open);
    return open;
  }

  onChange(listener: (key: string, open: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  hold(key: string): () => void {
    const entry = this.entry(key);
    entry.holders += 1;
    this.schedule(key, entry);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      entry.holders -= 1;
      if (entry.holders > 0) return;
      // Nobody waits: stop probing. The verdict stays; the next service to wait on the host resumes the probes.
      entry.timer?.cancel();
      entry.timer = null;
    };
  }

  /** The hosts known closed, and how many services wait on each (for tests and diagnostics). */
  waiting(): ReadonlyMap<string, number> {
    return new Map([...this.hosts].filter(([, e]) => !e.open).map(([k, e]) => [k, e.holders]));
  }

  private answeredWithin(key: string, ms: number): boolean {
    const at = this.answered.get(key);
    return at !== undefined && this.deps.clock.monotonic() - at <= ms;
  }

  private entry(key: string): HostEntry {
    let entry = this.hosts.get(key);
    if (!entry) this.hosts.set(key, (entry = { open: true, holders: 0, timer: null, inFlight: null }));
    return entry;
  }

  private set(key: string, open: boolean): void {
    const entry = this.entry(key);
    if (entry.open === open) return;
    entry.open = open;
    if (open) {
      entry.timer?.cancel();
      entry.timer = null;
    }
    this.deps.logger[open ? 'info' : 'warn'](open ? 'host reachable again; its services restart' : 'host unreachable; its services wait for it', { host: key });
    this.listeners.forEach((l) => l(key, open));
    if (!open) this.schedule(key, entry);
    if (open && entry.holders === 0 && this.hosts.get(key) === entry) this.hosts.delete(key);
  }

  /** One probe per host at a time, shared by every caller. */
  private probe(key: string): Promise<boolean> {
    const entry = this.entry(key);
    const address = parseHostPort(key);
    if (!address) return Promise.resolve(true);
    entry.inFlight ??= this.deps.probe
      .reachable(address.host, address.port, this.timeoutMs)
      .catch(() => false)
      .then((open) => {
        if (open) this.answered.set(key, this.deps.clock.monotonic());
        return open;
      })
      .finally(() => (entry.inFlight = null));
    return entry.inFlight;
  }

  private schedule(key: string, entry: HostEntry): void {
    if (entry.open || entry.holders === 0 || entry.timer) return;
    entry.timer = this.deps.clock.setTimer(this.intervalMs, () => {
      entry.timer = null;
      void this.probe(key).then((open) => {
        if (this.hosts.get(key) !== entry) return;
        if (open) this.set(key, true);
        else this.schedule(key, entry);
      });
    });
  }
}

import { ok, planReload, ReloadAction, Result, Service } from '@localport/domain';
import { BindError } from '../ports/forward-listener.port';
import { LaunchQueue } from './launch-queue';
import { movesPort, probePort, RefusedChange } from './port-probe';
import { selectServices, Selection, SelectionError } from './selection';
import { ServiceOutcome, startOutcome } from './service-outcome';
import { ServiceChange, ServiceSnapshot } from './service-snapshot';
import { ServiceSupervisor } from './service-supervisor';
import { SupervisorDeps } from './supervisor-deps';
import { gateFor } from './technology-lookups';

/**
 * All services of one daemon: one ServiceSupervisor each, driven by the configuration
 * (reloads apply a pure plan) and by start/stop/restart commands.
 */
/**
 * `apply` lets the event loop run (control requests, I/O callbacks) once it has spent this long starting
 * services, or after {@link APPLY_BATCH} of them, whichever comes first.
 */
const APPLY_SLICE_MS = 1;
/** At most this many reload actions between two turns of the event loop (a fake clock never advances). */
const APPLY_BATCH = 25;
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class Supervisor {
  private readonly supervisors = new Map<string, ServiceSupervisor>();
  private readonly listeners = new Set<(change: ServiceChange) => void>();
  private lastRefused: RefusedChange[] = [];

  private readonly deps: SupervisorDeps;

  constructor(deps: SupervisorDeps) {
    this.deps = { ...deps, launchQueue: deps.launchQueue ?? new LaunchQueue() };
    for (const gate of [deps.gate, deps.hostGate]) {
      gate?.onChange((key, open) => {
        for (const s of this.supervisors.values()) {
          const own = gateFor(deps, s.service);
          if (own?.gate === gate && own.key === key) s.gateChanged(open);
        }
      });
    }
  }

  /** Subscribes to every service's state changes; returns an unsubscribe function. */
  onChange(listener: (change: ServiceChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  services(): Service[] {
    return [...this.supervisors.values()].map((s) => s.service);
  }

  snapshots(): ServiceSnapshot[] {
    return [...this.supervisors.values()].map((s) => s.snapshot());
  }

  /** The changes the last `apply` refused (a running service moved to a port another process holds). */
  get refused(): readonly RefusedChange[] {
    return this.lastRefused;
  }

  get(name: string): ServiceSupervisor | undefined {
    return this.supervisors.get(name);
  }

  /**
   * Brings the running set in line with `services`. With `startAdded` false (first load with
   * --no-auto-start), new services are only registered.
   */
  async apply(services: readonly Service[], startAdded = true): Promise<ReloadAction[]> {
    const plan = planReload(this.services(), services);
    this.lastRefused = [];
    const done: Promise<void>[] = [];
    // A 2,000-service reload would otherwise start every service in one run of microtasks (0.6-1.2 s in which
    // the control socket answers nothing); a turn of the event loop every few milliseconds keeps it answering.
    const clock = this.deps.clock;
    let slice = { began: clock.monotonic(), actions: 0 };
    for (const action of plan) {
      if (slice.actions >= APPLY_BATCH || (slice.actions > 0 && clock.monotonic() - slice.began >= APPLY_SLICE_MS)) {
        await nextTurn();
        slice = { began: clock.monotonic(), actions: 0 };
      }
      slice.actions++;
      done.push(this.carryOut(action, startAdded, services));
    }
    await Promise.all(done);
    // Keep configuration order for status output.
    const order = new Map(services.map((s, i) => [s.name, i]));
    const sorted = [...this.supervisors.entries()].sort(([a], [b]) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    this.supervisors.clear();
    for (const [name, s] of sorted) this.supervisors.set(name, s);
    const refused = new Set(this.lastRefused.map((r) => r.name));
    return plan.map((a) => (a.kind === 'restart' && refused.has(a.service.name) ? { kind: 'keep', service: this.supervisors.get(a.service.name)!.service } : a));
  }

  async start(selection: Selection): Promise<Result<ServiceOutcome[], SelectionError>> {
    const chosen = this.select(selection);
    if (!chosen.ok) return chosen;
    return ok(
      await Promise.all(
        chosen.value.map(async (s) => {
          if (!s.service.enabled) return { name: s.service.name, ok: false, state: s.snapshot().state, error: 'service is disabled in the configuration (enabled: false)' };
          await s.start();
          return startOutcome(s);
        }),
      ),
    );
  }

  async stop(selection: Selection): Promise<Result<ServiceOutcome[], SelectionError>> {
    const chosen = this.select(selection, true);
    if (!chosen.ok) return chosen;
    return ok(
      await Promise.all(
        chosen.value.map(async (s) => {
          await s.stop(s.service.enabled ? 'stopped' : 'disabled');
          return { name: s.service.name, ok: true, state: s.snapshot().state };
        }),
      ),
    );
  }

  async restart(selection: Selection): Promise<Result<ServiceOutcome[], SelectionError>> {
    const chosen = this.select(selection);
    if (!chosen.ok) return chosen;
    return ok(
      await Promise.all(
        chosen.value
          // Without names, restart what runs (or keeps failing), not what the user stopped.
          .filter((s) => s.service.enabled && (Boolean(selection.names?.length) || !['stopped', 'disabled'].includes(s.snapshot().state)))
          .map(async (s) => {
          await s.restart();
          return startOutcome(s);
        }),
      ),
    );
  }

  /** Runs every running service's health check now (after a wake from sleep). */
  checkAllNow(): void {
    for (const s of this.supervisors.values()) s.checkNow();
  }

  /** Stops every service in parallel. */
  async shutdown(): Promise<void> {
    await Promise.all([...this.supervisors.values()].map((s) => s.stop()));
  }

  private select(selection: Selection, includeDisabled = false): Result<ServiceSupervisor[], SelectionError> {
    return selectServices(this.supervisors, selection, includeDisabled);
  }

  private async carryOut(action: ReloadAction, startAdded: boolean, next: readonly Service[]): Promise<void> {
    switch (action.kind) {
      case 'start': {
        const existing = this.supervisors.get(action.service.name);
        if (existing) await existing.stop();
        const s = this.create(action.service);
        if (startAdded) await s.start();
        return;
      }
      case 'stop': {
        const s = this.supervisors.get(action.name)!;
        if (action.reason === 'removed') {
          this.supervisors.delete(action.name);
          await s.stop();
        } else {
          await s.stop('disabled');
          this.create(next.find((n) => n.name === action.name)!);
        }
        return;
      }
      case 'restart': {
        const old = this.supervisors.get(action.service.name)!;
        const wasActive = !['stopped', 'failed'].includes(old.snapshot().state);
        // A running service is not given up for a port it cannot have: it keeps the old one.
        const taken = wasActive && !old.waitingForPort && movesPort(old.service, action.service) ? await probePort(this.deps.listeners, action.service) : null;
        if (taken) return this.refuse(old.service, taken);
        await old.stop();
        const s = this.create(action.service);
        if (wasActive) await s.start();
        return;
      }
      case 'rearm':
        this.supervisors.get(action.service.name)!.rearm(action.service);
        return;
      case 'keep':
        if (!this.supervisors.has(action.service.name)) this.create(action.service);
        return;
    }
  }

  private refuse(kept: Service, error: BindError): void {
    const message = `${kept.name} keeps ${kept.bindAddress}:${kept.localPort}: ${error.message}`;
    this.deps.logger.warn('reload: a service keeps its old local port', { service: kept.name, code: error.code, error: message });
    this.lastRefused.push({ name: kept.name, code: error.code, message });
  }

  private create(service: Service): ServiceSupervisor {
    const s = new ServiceSupervisor(service, this.deps, (change) => this.listeners.forEach((l) => l(change)));
    this.supervisors.set(service.name, s);
    return s;
  }
}

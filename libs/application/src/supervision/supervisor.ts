import { err, LocalportError, ok, planReload, ReloadAction, Result, Service } from '@localport/domain';
import { ServiceChange, ServiceSnapshot } from './service-snapshot';
import { ServiceSupervisor } from './service-supervisor';
import { SupervisorDeps } from './supervisor-deps';
import { gateContext } from './technology-lookups';

/** Which services a command is about: names, tags (any match), or all enabled ones. */
export interface Selection {
  readonly names?: readonly string[];
  readonly tags?: readonly string[];
  readonly all?: boolean;
}

/** A service name that is not in the configuration, or an empty selection. */
export class SelectionError extends LocalportError {
  constructor(
    readonly code: 'SERVICE.UNKNOWN' | 'SERVICE.NONE_SELECTED',
    message: string,
    readonly details?: { unknown?: readonly string[]; known?: readonly string[] },
  ) {
    super(message);
  }
}

export interface ServiceOutcome {
  readonly name: string;
  readonly ok: boolean;
  readonly state: ServiceSnapshot['state'];
  readonly error?: string;
}

/**
 * All services of one daemon: one ServiceSupervisor each, driven by the configuration
 * (reloads apply a pure plan) and by start/stop/restart commands.
 */
export class Supervisor {
  private readonly supervisors = new Map<string, ServiceSupervisor>();
  private readonly listeners = new Set<(change: ServiceChange) => void>();

  constructor(
    private readonly deps: SupervisorDeps,
    /** The kubeconfig's current context, for services that name none. */
    private readonly currentContext: () => string | null = () => null,
  ) {
    deps.gate.onChange((context, open) => {
      const resolve = (c: string | undefined) => c ?? this.currentContext() ?? undefined;
      for (const s of this.supervisors.values()) {
        const own = gateContext(s.service);
        if (own !== null && resolve(own) === resolve(context)) s.clusterChanged(open);
      }
    });
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

  get(name: string): ServiceSupervisor | undefined {
    return this.supervisors.get(name);
  }

  /**
   * Brings the running set in line with `services`. With `startAdded` false (first load with
   * --no-auto-start), new services are only registered.
   */
  async apply(services: readonly Service[], startAdded = true): Promise<ReloadAction[]> {
    const plan = planReload(this.services(), services);
    await Promise.all(plan.map((action) => this.carryOut(action, startAdded, services)));
    // Keep configuration order for status output.
    const order = new Map(services.map((s, i) => [s.name, i]));
    const sorted = [...this.supervisors.entries()].sort(([a], [b]) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    this.supervisors.clear();
    for (const [name, s] of sorted) this.supervisors.set(name, s);
    return plan;
  }

  async start(selection: Selection): Promise<Result<ServiceOutcome[], SelectionError>> {
    const chosen = this.select(selection);
    if (!chosen.ok) return chosen;
    return ok(
      await Promise.all(
        chosen.value.map(async (s) => {
          if (!s.service.enabled) return { name: s.service.name, ok: false, state: s.snapshot().state, error: 'service is disabled in the configuration (enabled: false)' };
          await s.start();
          const snap = s.snapshot();
          return { name: snap.name, ok: snap.state !== 'failed', state: snap.state, ...(snap.state === 'failed' && { error: snap.lastError ?? 'failed' }) };
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
          const snap = s.snapshot();
          return { name: snap.name, ok: snap.state !== 'failed', state: snap.state, ...(snap.state === 'failed' && { error: snap.lastError ?? 'failed' }) };
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
    const all = [...this.supervisors.values()];
    const known = all.map((s) => s.service.name);
    if (selection.names && selection.names.length > 0) {
      const unknown = selection.names.filter((n) => !this.supervisors.has(n));
      if (unknown.length > 0) {
        return err(new SelectionError('SERVICE.UNKNOWN', `unknown service${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (configured: ${known.join(', ') || 'none'})`, { unknown, known }));
      }
      return ok(selection.names.map((n) => this.supervisors.get(n)!));
    }
    if (selection.tags && selection.tags.length > 0) {
      const tagged = all.filter((s) => s.service.tags.some((t) => selection.tags!.includes(t)) && (includeDisabled || s.service.enabled));
      if (tagged.length === 0) return err(new SelectionError('SERVICE.NONE_SELECTED', `no enabled service has tag ${selection.tags.join(' or ')}`));
      return ok(tagged);
    }
    if (selection.all) return ok(all.filter((s) => includeDisabled || s.service.enabled));
    return err(new SelectionError('SERVICE.NONE_SELECTED', 'no services selected: name services, use --tag, or --all'));
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

  private create(service: Service): ServiceSupervisor {
    const s = new ServiceSupervisor(service, this.deps, (change) => this.listeners.forEach((l) => l(change)));
    this.supervisors.set(service.name, s);
    return s;
  }
}

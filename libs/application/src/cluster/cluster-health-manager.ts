import { ClusterHealth, clusterHealthFor, LocalportConfig } from '@localport/domain';
import { ClusterGate } from '../ports/cluster-gate.port';
import { Clock } from '../ports/clock.port';
import { ClusterProbe } from '../ports/cluster-probe.port';
import { Logger } from '../ports/logger.port';
import { ContextMonitor } from './context-monitor';

export interface ClusterHealthManagerDeps {
  readonly probes: readonly ClusterProbe[];
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * One monitor per kube context in use by enabled services (each service's `kubeContext`, resolved
 * when the config was loaded), started and stopped as the configuration changes. It is also the
 * cluster gate the supervisor asks before restarting a service a cluster gates.
 */
export class ClusterHealthManager implements ClusterGate {
  private readonly monitors = new Map<string, ContextMonitor>();
  private readonly listeners = new Set<(context: string, open: boolean) => void>();
  private readonly healthListeners = new Set<(health: ClusterHealth, previous: ClusterHealth) => void>();
  private servicesByContext = new Map<string, string[]>();

  constructor(private readonly deps: ClusterHealthManagerDeps) {}

  /** Starts, stops and re-tunes monitors to match the kube contexts of the enabled services of `config`. */
  async configure(config: LocalportConfig): Promise<void> {
    const wanted = new Map<string, string[]>();
    for (const s of config.services) {
      if (!s.enabled || s.kubeContext === null) continue;
      wanted.set(s.kubeContext, [...(wanted.get(s.kubeContext) ?? []), s.name]);
    }
    this.servicesByContext = wanted;
    for (const [ctx, monitor] of this.monitors) {
      if (!wanted.has(ctx) || !clusterHealthFor(config, ctx).enabled) {
        monitor.stop();
        this.monitors.delete(ctx);
        this.deps.logger.info('cluster monitor stopped', { context: ctx });
        if (!monitor.open) this.listeners.forEach((l) => l(ctx, true));
      }
    }
    for (const ctx of wanted.keys()) {
      const settings = clusterHealthFor(config, ctx);
      if (!settings.enabled) continue;
      const probe = this.deps.probes.find((p) => p.provider === settings.provider);
      if (!probe) {
        // The config layer refuses unknown providers; a build without this probe must say so, not pick another.
        this.deps.logger.error('no cluster probe for provider; context not monitored', { context: ctx, provider: settings.provider });
        continue;
      }
      const existing = this.monitors.get(ctx);
      if (existing) {
        existing.reconfigure(settings, probe);
        continue;
      }
      const monitor = new ContextMonitor(ctx, settings, probe, this.deps.clock, this.deps.logger.child({ context: ctx }), (health, previous) => this.changed(ctx, health, previous));
      this.monitors.set(ctx, monitor);
      this.deps.logger.info('cluster monitor started', { context: ctx, provider: probe.provider, intervalSeconds: settings.intervalMs / 1000 });
      monitor.start();
    }
  }

  /** Health of every monitored context, or of one. */
  health(context?: string): ClusterHealth[] {
    return [...this.monitors.values()].filter((m) => !context || m.context === context).map((m) => m.health);
  }

  monitor(context: string): ContextMonitor | undefined {
    return this.monitors.get(context);
  }

  monitored(): ContextMonitor[] {
    return [...this.monitors.values()];
  }

  servicesOf(context: string): readonly string[] {
    return this.servicesByContext.get(context) ?? [];
  }

  /** Re-checks every context now (after a wake from sleep). */
  checkAll(): void {
    for (const m of this.monitors.values()) void m.check();
  }

  /** Subscribes to status changes of any context. */
  onHealthChange(listener: (health: ClusterHealth, previous: ClusterHealth) => void): () => void {
    this.healthListeners.add(listener);
    return () => this.healthListeners.delete(listener);
  }

  stop(): void {
    for (const m of this.monitors.values()) m.stop();
    this.monitors.clear();
  }

  // ClusterGate
  allowsRestart(context: string): boolean {
    return this.monitorOf(context)?.open ?? true;
  }

  async verify(context: string): Promise<boolean> {
    const monitor = this.monitorOf(context);
    if (!monitor) return true;
    await monitor.check();
    return monitor.open;
  }

  onChange(listener: (context: string, open: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private monitorOf(context: string): ContextMonitor | undefined {
    return this.monitors.get(context);
  }

  private changed(context: string, health: ClusterHealth, previous: ClusterHealth): void {
    this.healthListeners.forEach((l) => l(health, previous));
    const wasOpen = previous.consecutiveFailures === 0 && previous.status !== 'unhealthy';
    const open = health.consecutiveFailures === 0 && health.status !== 'unhealthy';
    if (wasOpen !== open) this.listeners.forEach((l) => l(context, open));
  }
}

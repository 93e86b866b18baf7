import { ClusterEvent, LocalportConfig, LocalportError, ReloadAction, ResourceStatus } from '@localport/domain';
import { ClusterHealthManager } from '../cluster/cluster-health-manager';
import { WakeDetector } from '../cluster/wake-detector';
import { Clock } from '../ports/clock.port';
import { ConfigError, ConfigSource, formatConfigProblem } from '../ports/config-source.port';
import { Logger } from '../ports/logger.port';
import { ClusterStatusView, DaemonStatusView, StatusReport } from '../status/status-report';
import { ServiceChange } from '../supervision/service-snapshot';
import { Supervisor } from '../supervision/supervisor';
import { clusterView, serviceView } from './status-builder';

export interface DaemonInfo {
  readonly pid: number;
  readonly version: string;
}

/** The outcome of a reload: what was done, or why the new config was refused (the old one keeps running). */
export interface ReloadOutcome {
  readonly applied: boolean;
  readonly actions: readonly { kind: ReloadAction['kind']; name: string }[];
  readonly error?: { code: string; message: string; problems: readonly string[] };
}

/** A context the daemon does not monitor. */
export class UnknownContextError extends LocalportError {
  readonly code = 'CLUSTER.UNKNOWN_CONTEXT';
}

/**
 * The daemon's core: loads the configuration, keeps the supervisor and cluster monitors in line
 * with it (reloads are all-or-nothing), answers status and cluster queries, and shuts down.
 */
export class LocalportDaemon {
  private config: LocalportConfig | null = null;
  private configError: string | null = null;
  private lastReloadAt: number | null = null;
  private readonly startedAt: number;
  private reloading: Promise<ReloadOutcome> = Promise.resolve({ applied: true, actions: [] });
  private readonly wake: WakeDetector;
  private readonly reloadListeners = new Set<(outcome: ReloadOutcome) => void>();

  constructor(
    private readonly source: ConfigSource,
    readonly supervisor: Supervisor,
    readonly clusters: ClusterHealthManager,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly info: DaemonInfo,
  ) {
    this.startedAt = clock.now();
    this.wake = new WakeDetector(clock, (sleptMs) => {
      this.log.info('woke up from sleep; checking every cluster and service now', { sleptSeconds: Math.round(sleptMs / 1000) });
      this.clusters.checkAll();
      this.supervisor.checkAllNow();
    });
    supervisor.onChange((change) => this.logChange(change));
  }

  /** Loads the config and brings services up (unless autoStart is false). Fails if the config is invalid. */
  async boot(autoStart: boolean): Promise<ReloadOutcome> {
    const outcome = await this.reload(autoStart);
    this.wake.start();
    return outcome;
  }

  /** Re-reads the config and applies the difference; an invalid config is refused whole. Serialised. */
  reload(startAdded = true): Promise<ReloadOutcome> {
    this.reloading = this.reloading.then(() => this.doReload(startAdded)).then((outcome) => {
      this.reloadListeners.forEach((l) => l(outcome));
      return outcome;
    });
    return this.reloading;
  }

  /** Calls `listener` after every reload (applied or refused); returns an unsubscribe function. */
  onReload(listener: (outcome: ReloadOutcome) => void): () => void {
    this.reloadListeners.add(listener);
    return () => this.reloadListeners.delete(listener);
  }

  status(names?: readonly string[]): StatusReport {
    const current = this.clusters.currentContext;
    const services = this.supervisor.services().filter((s) => !names?.length || names.includes(s.name));
    return {
      daemon: this.daemonStatus(),
      services: services.map((s) => serviceView(this.supervisor, s, current)),
      clusters: this.clusters.health().map((h) => clusterView(this.clusters, h)),
    };
  }

  daemonStatus(): DaemonStatusView {
    return {
      running: true, pid: this.info.pid, uptimeSeconds: (this.clock.now() - this.startedAt) / 1000, version: this.info.version, configPath: this.source.path,
      configError: this.configError, lastReloadAt: this.lastReloadAt === null ? null : new Date(this.lastReloadAt).toISOString(),
    };
  }

  /** Cluster status of every monitored context, or one (refreshed now when asked). */
  async clusterStatus(context?: string, refresh = false): Promise<ClusterStatusView[]> {
    const monitors = this.monitorsOf(context);
    if (refresh) await Promise.all(monitors.map((m) => m.check()));
    return monitors.map((m) => clusterView(this.clusters, m.health));
  }

  /** Recent events (newest first), fetched now. */
  async clusterEvents(context: string | undefined, sinceSeconds: number, limit: number): Promise<ClusterEvent[]> {
    const monitors = this.monitorsOf(context);
    await Promise.all(monitors.map((m) => m.check(true)));
    const cutoff = this.clock.now() - sinceSeconds * 1000;
    return monitors
      .flatMap((m) => m.observation?.events ?? [])
      .filter((e) => e.lastSeen >= cutoff)
      .sort((a, b) => b.lastSeen - a.lastSeen)
      .slice(0, limit);
  }

  async clusterResources(context: string | undefined, kind: 'pods' | 'nodes'): Promise<{ context: string; items: readonly ResourceStatus[] }[]> {
    const monitors = this.monitorsOf(context);
    await Promise.all(monitors.map((m) => m.check()));
    return monitors.map((m) => ({ context: m.context, items: m.observation?.[kind] ?? [] }));
  }

  /** Stops every service in parallel and every monitor. */
  async shutdown(): Promise<void> {
    this.wake.stop();
    this.clusters.stop();
    await this.supervisor.shutdown();
  }

  private monitorsOf(context: string | undefined) {
    const all = this.clusters.monitored();
    if (!context) return all;
    const m = all.filter((x) => x.context === context);
    if (m.length === 0) {
      const known = all.map((x) => x.context);
      throw new UnknownContextError(`context "${context}" is not monitored (monitored: ${known.join(', ') || 'none'})`);
    }
    return m;
  }

  private async doReload(startAdded: boolean): Promise<ReloadOutcome> {
    const loaded = await this.source.load();
    this.lastReloadAt = this.clock.now();
    if (!loaded.ok) return this.refuse(loaded.error);
    const next = loaded.value.config;
    await this.clusters.configure(next);
    const plan = await this.supervisor.apply(next.services, startAdded);
    this.config = next;
    this.configError = null;
    const actions = plan.filter((a) => a.kind !== 'keep').map((a) => ({ kind: a.kind, name: 'service' in a ? a.service.name : a.name }));
    this.log.info('configuration applied', { path: loaded.value.path, services: next.services.length, actions });
    return { applied: true, actions };
  }

  private refuse(error: ConfigError): ReloadOutcome {
    const problems = error.problems.map(formatConfigProblem);
    this.configError = problems.length > 0 ? problems.join('\n') : error.message;
    this.log.error(this.config ? 'new configuration refused; the previous one keeps running' : 'configuration refused', { code: error.code, error: error.message, problems });
    return { applied: false, actions: [], error: { code: error.code, message: error.message, problems } };
  }

  private logChange(change: ServiceChange): void {
    if (change.previous === change.current.state) return;
    const fields = { service: change.current.name, from: change.previous, to: change.current.state, lastError: change.current.lastError };
    if (change.current.state === 'failed') this.log.error('service failed', fields);
  }
}

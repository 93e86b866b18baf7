import { LocalportConfig, ReloadAction } from '@localport/domain';
import { ClusterHealthManager } from '../cluster/cluster-health-manager';
import { WakeDetector } from '../cluster/wake-detector';
import { Clock } from '../ports/clock.port';
import { ConfigError, ConfigSource, formatConfigProblem } from '../ports/config-source.port';
import { Logger } from '../ports/logger.port';
import { DaemonStatusView } from '../status/status-report';
import { ServiceChange } from '../supervision/service-snapshot';
import { Supervisor } from '../supervision/supervisor';
import { RefusedChange } from '../supervision/port-probe';

export interface DaemonInfo {
  readonly pid: number;
  readonly version: string;
}

/** The outcome of a reload: what was done, or why the new config was refused (the old one keeps running). */
export interface ReloadOutcome {
  readonly applied: boolean;
  readonly actions: readonly { kind: ReloadAction['kind']; name: string }[];
  readonly error?: { code: string; message: string; problems: readonly string[] };
  /** Changes not applied although the config is valid (a running service moved to a port another process holds). */
  readonly refused?: readonly RefusedChange[];
}

/**
 * The daemon's core: loads the configuration, keeps the supervisor and cluster monitors in line
 * with it (reloads are all-or-nothing), and shuts down. Status and cluster queries are use cases
 * (`GetStatus`, `DescribeClusters` ...) that read its supervisor and cluster manager.
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

  /** The daemon's own status, from memory (read through the `DescribeDaemon` and `GetStatus` use cases). */
  daemonStatus(): DaemonStatusView {
    return {
      running: true, pid: this.info.pid, uptimeSeconds: (this.clock.now() - this.startedAt) / 1000, version: this.info.version, configPath: this.source.path,
      configError: this.configError, lastReloadAt: this.lastReloadAt === null ? null : new Date(this.lastReloadAt).toISOString(),
    };
  }

  /** Stops every service in parallel and every monitor. */
  async shutdown(): Promise<void> {
    this.wake.stop();
    this.clusters.stop();
    await this.supervisor.shutdown();
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
    const refused = this.supervisor.refused;
    this.log.info('configuration applied', { path: loaded.value.path, services: next.services.length, actions, ...(refused.length > 0 && { refused }) });
    return { applied: true, actions, ...(refused.length > 0 && { refused }) };
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

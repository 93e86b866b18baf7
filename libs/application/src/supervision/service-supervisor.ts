import { decideRestart, isActive, Service, ServiceState, transition } from '@localport/domain';
import { ClusterGate } from '../ports/cluster-gate.port';
import { Clock, Random, Timer } from '../ports/clock.port';
import { ForwardListener, ListenerFactory, UpstreamSource } from '../ports/forward-listener.port';
import { HealthProber } from '../ports/health-prober.port';
import { Logger, ServiceLogs, ServiceLogWriter } from '../ports/logger.port';
import { RunningTunnel, TunnelError, TunnelLauncher, UpstreamEndpoint, describeEndpoint } from '../ports/tunnel-launcher.port';
import { EndpointWaiters } from './endpoint-waiters';
import { HealthLoop } from './health-loop';
import { ServiceChange, ServiceSnapshot } from './service-snapshot';

/** What a ServiceSupervisor needs from the outside world. */
export interface SupervisorDeps {
  readonly launchers: readonly TunnelLauncher[];
  readonly listeners: ListenerFactory;
  readonly prober: HealthProber;
  readonly gate: ClusterGate;
  readonly clock: Clock;
  readonly random: Random;
  readonly logger: Logger;
  readonly serviceLogs: ServiceLogs;
  /** How long a tunnel may take to become ready. */
  readonly startTimeoutMs: number;
}

/**
 * Keeps one service alive: holds its local port from start to stop, runs its upstream tunnel,
 * notices the tunnel's exit at once, restarts it per the restart policy (asking the cluster gate
 * first for kubectl services), and runs its health checks through the local port.
 */
export class ServiceSupervisor implements UpstreamSource {
  private state: ServiceState;
  private since: number;
  private listener: ForwardListener | null = null;
  private tunnel: RunningTunnel | null = null;
  private endpoint: UpstreamEndpoint | null = null;
  private launchAbort: AbortController | null = null;
  private restartTimer: Timer | null = null;
  private nextRestartAt: number | null = null;
  private attempts = 0;
  private restarts = 0;
  private healthySince: number | undefined;
  private lastError: string | null = null;
  /** Bumped whenever the current tunnel is abandoned, so late callbacks of old ones are ignored. */
  private generation = 0;
  private readonly waiters: EndpointWaiters;
  private readonly health: HealthLoop;
  private readonly log: Logger;
  private output: ServiceLogWriter | null = null;

  constructor(
    private spec: Service,
    private readonly deps: SupervisorDeps,
    private readonly onChange: (change: ServiceChange) => void,
  ) {
    this.state = spec.enabled ? 'stopped' : 'disabled';
    this.since = deps.clock.now();
    this.waiters = new EndpointWaiters(deps.clock);
    this.log = deps.logger.child({ service: spec.name });
    this.health = new HealthLoop(deps.prober, deps.clock, () => this.spec, (healthy, message) => this.onHealth(healthy, message));
  }

  get service(): Service {
    return this.spec;
  }

  snapshot(): ServiceSnapshot {
    return {
      name: this.spec.name, state: this.state, since: this.since, healthy: this.health.healthy && this.state === 'running',
      restarts: this.restarts, lastError: this.lastError, pid: this.tunnel?.pid ?? null, nextRestartAt: this.nextRestartAt,
    };
  }

  stats() {
    return this.listener?.stats() ?? null;
  }

  /** Binds the local port and starts the tunnel. Resolves once the first launch has settled. */
  async start(): Promise<void> {
    if (isActive(this.state)) return;
    this.attempts = 0;
    this.lastError = null;
    this.moveTo('starting');
    this.output ??= this.deps.serviceLogs.open(this.spec.name);
    if (!this.listener) {
      const bound = await this.deps.listeners.listen({ address: this.spec.bindAddress, port: this.spec.localPort }, this, { connectTimeoutMs: this.spec.connectTimeoutMs });
      if (this.state !== 'starting') {
        if (bound.ok) await bound.value.close();
        return;
      }
      if (!bound.ok) {
        this.lastError = bound.error.message;
        this.log.error('cannot bind the local port', { code: bound.error.code, error: bound.error.message });
        this.moveTo('failed');
        return;
      }
      this.listener = bound.value;
    }
    await this.launch();
  }

  /** Stops the tunnel and releases the local port. */
  async stop(finalState: 'stopped' | 'disabled' = 'stopped'): Promise<void> {
    this.generation++;
    this.cancelRestart();
    this.health.stop();
    this.launchAbort?.abort();
    this.moveTo(finalState);
    this.waiters.release(null);
    const tunnel = this.tunnel;
    const listener = this.listener;
    this.tunnel = null;
    this.endpoint = null;
    this.listener = null;
    await Promise.all([tunnel?.stop(), listener?.close()]);
    this.output?.close();
    this.output = null;
  }

  /** Replaces the tunnel now, keeping the local port; forgets earlier failed attempts. */
  async restart(): Promise<void> {
    if (!isActive(this.state)) return this.start();
    this.attempts = 0;
    await this.abandonTunnel();
    this.moveTo('restarting');
    await this.launch();
  }

  /** Applies changed health-check or restart-policy settings without touching the tunnel. */
  rearm(service: Service): void {
    this.spec = service;
    if (this.tunnel) this.health.start();
  }

  /** Runs a health check now (after a wake from sleep, for instance). */
  checkNow(): void {
    if (this.tunnel) this.health.runNow();
  }

  /** The cluster gate of this service's context opened or closed. */
  clusterChanged(open: boolean): void {
    if (this.spec.kubeContext === null) return;
    if (open && (this.state === 'waiting-for-cluster' || this.state === 'restarting')) {
      // The outage was not the service's fault: restart at once, with a clean slate.
      this.cancelRestart();
      this.attempts = 0;
      void this.launch();
    } else if (!open && this.state === 'restarting' && this.restartTimer) {
      this.cancelRestart();
      this.moveTo('waiting-for-cluster');
    }
  }

  // UpstreamSource: what the relay asks for each client connection.
  async acquire(timeoutMs: number): Promise<UpstreamEndpoint | null> {
    if (this.endpoint) return this.endpoint;
    if (!isActive(this.state)) return null;
    return this.waiters.wait(timeoutMs);
  }

  reportDialFailure(endpoint: UpstreamEndpoint, message: string): void {
    if (!this.endpoint || describeEndpoint(endpoint) !== describeEndpoint(this.endpoint)) return;
    this.log.warn('upstream refused a connection', { endpoint: describeEndpoint(endpoint), error: message });
    void this.fail(new TunnelError('TUNNEL.EXITED', `upstream refused a connection: ${message}`), true);
  }

  private async launch(): Promise<void> {
    const gen = ++this.generation;
    const context = this.kubeContext();
    if (context !== null && !this.deps.gate.allowsRestart(context)) {
      this.moveTo('waiting-for-cluster');
      return;
    }
    const launcher = this.deps.launchers.find((l) => l.technology === this.spec.connection.technology);
    if (!launcher) throw new Error(`no tunnel launcher for ${this.spec.connection.technology}`);
    if (this.state !== 'starting') this.moveTo('starting');
    this.launchAbort = new AbortController();
    this.output?.write(`=== ${new Date(this.deps.clock.now()).toISOString()} starting ${this.spec.technology} tunnel to ${this.spec.target} ===`);
    const result = await launcher.launch(this.spec, { signal: this.launchAbort.signal, output: (line) => this.output?.write(line), startTimeoutMs: this.deps.startTimeoutMs });
    if (gen !== this.generation) {
      if (result.ok) await result.value.stop();
      return;
    }
    if (!result.ok) return this.fail(result.error, false);
    const tunnel = result.value;
    this.tunnel = tunnel;
    this.endpoint = tunnel.endpoint;
    this.lastError = null;
    this.moveTo('running');
    this.log.info('tunnel up', { pid: tunnel.pid, endpoint: describeEndpoint(tunnel.endpoint) });
    this.waiters.release(tunnel.endpoint);
    this.health.start();
    void tunnel.exited.then((exit) => {
      if (gen === this.generation && this.tunnel === tunnel) void this.fail(exit.error, false);
    });
  }

  /** The tunnel died or could not start: restart per policy, or wait for the cluster, or give up. */
  private async fail(error: TunnelError, kill: boolean): Promise<void> {
    const healthySince = this.healthySince;
    const gen = ++this.generation;
    // Synchronously forget the dead endpoint, so connections arriving now wait for the next one.
    const dead = this.tunnel;
    this.tunnel = null;
    this.endpoint = null;
    this.lastError = error.message;
    this.log.warn('tunnel down', { code: error.code, error: error.message });
    this.health.stop();
    this.listener?.dropConnections();
    if (kill) await dead?.stop();
    if (gen !== this.generation) return;
    const context = this.kubeContext();
    if (context !== null) {
      this.moveTo('restarting');
      const open = await this.deps.gate.verify(context);
      if (gen !== this.generation) return;
      if (!open) {
        this.moveTo('waiting-for-cluster');
        return;
      }
    }
    const now = this.deps.clock.now();
    const decision = decideRestart(this.spec.restartPolicy, { attempts: this.attempts, healthySince }, now, this.deps.random.next());
    if (decision.kind === 'give-up') {
      this.lastError = `${error.message} (${decision.reason})`;
      this.log.error('giving up', { reason: decision.reason });
      this.moveTo('failed');
      this.waiters.release(null);
      return;
    }
    this.attempts = decision.attempt;
    this.healthySince = undefined;
    this.moveTo('restarting');
    // Bad credentials or a missing binary will not fix themselves within a millisecond.
    const delayMs = error.permanent ? Math.max(decision.delayMs, this.spec.restartPolicy.initialDelayMs) : decision.delayMs;
    this.nextRestartAt = now + delayMs;
    this.restartTimer = this.deps.clock.setTimer(delayMs, () => {
      this.restartTimer = null;
      this.nextRestartAt = null;
      this.restarts++;
      void this.launch();
    });
  }

  private onHealth(healthy: boolean, message: string | null): void {
    if (healthy) {
      this.healthySince ??= this.deps.clock.now();
      if (this.state === 'unhealthy') this.moveTo('running');
      else this.emit(this.state);
      return;
    }
    this.lastError = message;
    if (this.state === 'running') this.moveTo('unhealthy');
    this.log.warn('health check failed too often; restarting the tunnel', { error: message });
    void this.fail(new TunnelError('TUNNEL.EXITED', `health check failed: ${message}`), true);
  }

  private async abandonTunnel(bumpGeneration = true): Promise<void> {
    if (bumpGeneration) this.generation++;
    this.health.stop();
    const tunnel = this.tunnel;
    this.tunnel = null;
    this.endpoint = null;
    await tunnel?.stop();
  }

  private cancelRestart(): void {
    this.restartTimer?.cancel();
    this.restartTimer = null;
    this.nextRestartAt = null;
  }

  /** The context to gate on, or null for services no cluster gates (ssh). */
  private kubeContext(): string | null {
    return this.spec.kubeContext;
  }

  private moveTo(next: ServiceState): void {
    const previous = this.state;
    if (previous === next) return;
    const checked = transition(previous, next);
    if (!checked.ok) throw new Error(`illegal transition ${previous} -> ${next} for ${this.spec.name}`);
    this.state = next;
    this.since = this.deps.clock.now();
    if (next !== 'running' && next !== 'unhealthy') this.healthySince = undefined;
    this.log.info(`state ${previous} -> ${next}`, this.lastError && next !== 'running' ? { lastError: this.lastError } : undefined);
    this.emit(previous);
  }

  private emit(previous: ServiceState): void {
    this.onChange({ previous, current: this.snapshot() });
  }
}

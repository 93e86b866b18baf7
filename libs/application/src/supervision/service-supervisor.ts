import { initialLifecycle, isActive, isSettled, isWaiting, LifecycleEvent, LifecycleState, Service, step } from '@localport/domain';
import { ListenerStats, UpstreamSource } from '../ports/forward-listener.port';
import { Logger } from '../ports/logger.port';
import { describeEndpoint, UpstreamEndpoint } from '../ports/tunnel-launcher.port';
import { LifecycleEffects } from './lifecycle-effects';
import { ServiceChange, ServiceSnapshot } from './service-snapshot';
import { SupervisorDeps } from './supervisor-deps';
import { policyNow } from './policy-now';
import { reportChange } from './report-change';
import { gateFor } from './technology-lookups';

/**
 * Keeps one service alive: a small loop around the domain's lifecycle reducer. It holds the
 * lifecycle state, feeds every request and completion to `step`, and carries out the effects
 * through the ports (see LifecycleEffects). The rules themselves live in the domain.
 */
export class ServiceSupervisor implements UpstreamSource {
  private state: LifecycleState;
  private readonly effects: LifecycleEffects;
  private readonly log: Logger;
  private readonly queue: LifecycleEvent[] = [];
  private dispatching = false;
  private readonly settledWaiters: (() => void)[] = [];
  private gateHold: (() => void) | null = null;

  constructor(
    private spec: Service,
    private readonly deps: SupervisorDeps,
    private readonly onChange: (change: ServiceChange) => void,
  ) {
    this.state = initialLifecycle(spec.enabled, deps.clock.now());
    this.log = deps.logger.child({ service: spec.name });
    this.effects = new LifecycleEffects({ deps, service: () => this.spec, log: this.log, source: this, send: (event) => void this.dispatch(event) });
  }

  get service(): Service {
    return this.spec;
  }

  snapshot(): ServiceSnapshot {
    const s = this.state;
    return {
      name: this.spec.name, state: s.status, since: s.since, healthy: s.healthy && s.status === 'running', restarts: s.restarts,
      lastError: s.lastError, lastErrorCode: s.lastErrorCode, pid: this.effects.pid(s.tunnel), route: this.effects.route(s.tunnel), nextRestartAt: s.nextRestartAt,
    };
  }

  /** The code of the last error (`FORWARD.PORT_IN_USE`, `TUNNEL.AUTH` ...), or null. */
  get lastErrorCode(): string | null {
    return this.state.lastErrorCode;
  }

  /** Waiting to bind its local port (held by another process), per the restart policy. */
  get waitingForPort(): boolean {
    return this.state.timer?.then === 'bind';
  }

  stats(): ListenerStats | null {
    return this.effects.stats(this.state.listener);
  }

  /** Binds the local port and starts the tunnel. Resolves once the first launch has settled (or a stop came). */
  async start(): Promise<void> {
    this.dispatch({ type: 'startRequested' });
    await this.settled();
  }

  /** Stops the tunnel and releases the local port; never waits for a launch in progress. */
  async stop(finalState: 'stopped' | 'disabled' = 'stopped'): Promise<void> {
    await Promise.all(this.dispatch({ type: 'stopRequested', final: finalState }));
    if (!isActive(this.state.status)) this.effects.closeOutput();
  }

  /** Replaces the tunnel now, keeping the local port; forgets earlier failed attempts. */
  async restart(): Promise<void> {
    this.dispatch({ type: 'restartRequested' });
    await this.settled();
  }

  /** Applies changed health-check or restart-policy settings without touching the tunnel. */
  rearm(service: Service): void {
    this.spec = service;
    this.dispatch({ type: 'rearmRequested' });
  }

  /** Runs a health check now (after a wake from sleep, for instance). */
  checkNow(): void {
    this.dispatch({ type: 'healthCheckRequested' });
  }

  /** The gate of this service (its cluster, its host) opened or closed. */
  gateChanged(open: boolean): void {
    this.dispatch({ type: 'gateChanged', open });
  }

  // UpstreamSource: what the relay asks for each client connection.
  async acquire(timeoutMs: number): Promise<UpstreamEndpoint | null> {
    const endpoint = this.effects.endpoint(this.state.tunnel);
    if (endpoint) return endpoint;
    if (!isActive(this.state.status)) return null;
    return this.effects.waiters.wait(timeoutMs);
  }

  reportDialFailure(endpoint: UpstreamEndpoint, message: string): void {
    const id = this.state.tunnel;
    const current = this.effects.endpoint(id);
    if (id === null || !current || describeEndpoint(endpoint) !== describeEndpoint(current)) return;
    this.log.warn('upstream refused a connection', { endpoint: describeEndpoint(endpoint), error: message });
    this.dispatch({ type: 'dialFailed', id, message });
  }

  /** Feeds `event` (and any event sent while it is handled) to the reducer; returns the effects' promises. */
  private dispatch(event: LifecycleEvent): Promise<void>[] {
    this.queue.push(event);
    if (this.dispatching) return [];
    this.dispatching = true;
    const done: Promise<void>[] = [];
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        const previous = this.state;
        const result = step(previous, next, policyNow(this.spec, gateFor(this.deps, this.spec), this.deps.random), this.deps.clock.now());
        this.state = result.state;
        reportChange(this.log, this.onChange, previous, { ...this.snapshot(), lifecycle: this.state }, result.path);
        done.push(...result.effects.map((effect) => this.effects.run(effect)));
      }
    } finally {
      this.dispatching = false;
    }
    this.holdGate();
    if (isSettled(this.state)) this.settledWaiters.splice(0).forEach((resolve) => resolve());
    return done;
  }

  /** While the service waits on its gate, it holds it: a gate that probes only for waiters knows it is wanted. */
  private holdGate(): void {
    const waiting = isWaiting(this.state.status);
    if (waiting && !this.gateHold) {
      const gate = gateFor(this.deps, this.spec);
      this.gateHold = gate?.gate.hold?.(gate.key) ?? null;
    } else if (!waiting && this.gateHold) {
      this.gateHold();
      this.gateHold = null;
    }
  }

  private settled(): Promise<void> {
    return isSettled(this.state) ? Promise.resolve() : new Promise((resolve) => this.settledWaiters.push(resolve));
  }
}

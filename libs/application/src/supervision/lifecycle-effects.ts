import { LifecycleEffect, LifecycleEvent, LifecycleFailure, Service } from '@localport/domain';
import { Timer } from '../ports/clock.port';
import { BindError, ForwardListener, ListenerStats, UpstreamSource } from '../ports/forward-listener.port';
import { Logger, ServiceLogWriter } from '../ports/logger.port';
import { describeEndpoint, RunningTunnel, TunnelError, TunnelRoute, UpstreamEndpoint } from '../ports/tunnel-launcher.port';
import { EndpointWaiters } from './endpoint-waiters';
import { HealthLoop } from './health-loop';
import { launchTunnel } from './launch-tunnel';
import { SupervisorDeps } from './supervisor-deps';
import { gateFor } from './technology-lookups';

/** What the effects of one service need besides the ports. */
export interface EffectsContext {
  readonly deps: SupervisorDeps;
  readonly service: () => Service;
  readonly log: Logger;
  /** The relay's view of this service, handed to its listener. */
  readonly source: UpstreamSource;
  /** Feeds a completion back into the lifecycle (never synchronously from `run`). */
  readonly send: (event: LifecycleEvent) => void;
}

const failureOf = (e: TunnelError | BindError): LifecycleFailure => ({
  code: e.code, message: e.message, permanent: e instanceof TunnelError && e.permanent, ...(e.code === 'TUNNEL.UNREACHABLE' && { unreachable: true }),
});

/**
 * Carries out a service's lifecycle effects through the ports, and holds the resources they
 * produce (listeners, tunnels, launches in flight, timers), each under the id the reducer gave it.
 */
export class LifecycleEffects {
  readonly waiters: EndpointWaiters;
  private readonly listeners = new Map<number, ForwardListener>();
  private readonly tunnels = new Map<number, RunningTunnel>();
  private readonly launches = new Map<number, AbortController>();
  private readonly timers = new Map<number, Timer>();
  private readonly health: HealthLoop;
  private output: ServiceLogWriter | null = null;

  constructor(private readonly ctx: EffectsContext) {
    const { prober, clock } = ctx.deps;
    this.waiters = new EndpointWaiters(clock);
    this.health = new HealthLoop(prober, clock, ctx.service, () => this.currentListener(), (id, ok, message) => ctx.send(ok ? { type: 'healthPassed', id } : { type: 'healthFailed', id, message: message ?? 'failed' }));
  }

  endpoint(tunnel: number | null): UpstreamEndpoint | null {
    return (tunnel !== null && this.tunnels.get(tunnel)?.endpoint) || null;
  }

  pid(tunnel: number | null): number | null {
    return (tunnel !== null && this.tunnels.get(tunnel)?.pid) || null;
  }

  route(tunnel: number | null): TunnelRoute | null {
    return (tunnel !== null && this.tunnels.get(tunnel)?.route?.()) || null;
  }

  stats(listener: number | null): ListenerStats | null {
    return (listener !== null && this.listeners.get(listener)?.stats()) || null;
  }

  /** The listener bound last (a service has one at a time, but a new bind may precede the old one's close). */
  private currentListener(): ForwardListener | null {
    let last: ForwardListener | null = null;
    for (const listener of this.listeners.values()) last = listener;
    return last;
  }

  /** Starts `effect`; the promise settles when a stop or close it began is done (at once for the others). */
  run(effect: LifecycleEffect): Promise<void> {
    return Promise.resolve(this.carryOut(effect));
  }

  /** Closes the service log (after a stop). */
  closeOutput(): void {
    this.output?.close();
    this.output = null;
  }

  private carryOut(effect: LifecycleEffect): Promise<void> | void {
    const { deps, send } = this.ctx;
    switch (effect.type) {
      case 'bind':
        return void this.bind(effect.id);
      case 'closeListener':
        return this.take(this.listeners, effect.id)?.close();
      case 'launch':
        return void this.launch(effect.id);
      case 'abortLaunch':
        return this.take(this.launches, effect.id)?.abort();
      case 'stopUpstream':
        return this.take(this.tunnels, effect.id)?.stop();
      case 'checkGate': {
        // The reducer asks only for gated services; a service no gate governs is always let through.
        const gate = gateFor(deps, this.ctx.service());
        const verdict = gate === null ? Promise.resolve(true) : gate.gate.verify(gate.key, { unreachable: effect.unreachable }).catch(() => true);
        return void verdict.then((open) => send({ type: 'gateVerified', id: effect.id, open }));
      }
      case 'scheduleTimer':
        return void this.timers.set(effect.id, deps.clock.setTimer(effect.delayMs, () => this.timers.delete(effect.id) && send({ type: 'timerFired', id: effect.id })));
      case 'cancelTimer':
        return this.take(this.timers, effect.id)?.cancel();
      case 'releaseWaiters':
        return this.waiters.release(this.endpoint(effect.tunnel));
      case 'dropConnections':
        return this.listeners.forEach((l) => l.dropConnections());
      case 'startHealth':
        return this.health.start(effect.tunnel);
      case 'stopHealth':
        return this.health.stop();
      case 'checkHealthNow':
        return this.health.runNow();
    }
  }

  private openOutput(): ServiceLogWriter {
    return (this.output ??= this.ctx.deps.serviceLogs.open(this.ctx.service().name));
  }

  private async bind(id: number): Promise<void> {
    const spec = this.ctx.service();
    this.openOutput();
    const bound = await this.ctx.deps.listeners
      .listen({ address: spec.bindAddress, port: spec.localPort }, this.ctx.source, { connectTimeoutMs: spec.connectTimeoutMs })
      .catch((e: unknown) => ({ ok: false as const, error: new BindError('FORWARD.BIND_FAILED', `cannot bind ${spec.bindAddress}:${spec.localPort}: ${e instanceof Error ? e.message : String(e)}`) }));
    if (bound.ok) {
      this.listeners.set(id, bound.value);
      return this.ctx.send({ type: 'bound', id });
    }
    this.ctx.log.error('cannot bind the local port', { code: bound.error.code, error: bound.error.message });
    this.ctx.send({ type: 'bindFailed', id, failure: failureOf(bound.error), port: spec.localPort, inUse: bound.error.code === 'FORWARD.PORT_IN_USE', owner: bound.error.owner });
  }

  private async launch(id: number): Promise<void> {
    const abort = new AbortController();
    this.launches.set(id, abort);
    const result = await launchTunnel(this.ctx.deps, this.ctx.service(), this.openOutput(), abort.signal);
    this.launches.delete(id);
    if (!result.ok) {
      if (!abort.signal.aborted) this.ctx.log.warn('tunnel down', { code: result.error.code, error: result.error.message });
      return this.ctx.send({ type: 'launchFailed', id, failure: failureOf(result.error) });
    }
    const tunnel = result.value;
    this.tunnels.set(id, tunnel);
    void tunnel.exited.then((exit) => {
      if (this.tunnels.get(id) !== tunnel) return;
      this.tunnels.delete(id);
      this.ctx.log.warn('tunnel down', { code: exit.error.code, error: exit.error.message });
      this.ctx.send({ type: 'exited', id, failure: failureOf(exit.error) });
    });
    this.ctx.send({ type: 'launched', id });
    if (this.tunnels.get(id) === tunnel) this.ctx.log.info('tunnel up', { pid: tunnel.pid, endpoint: describeEndpoint(tunnel.endpoint) });
  }

  private take<T>(map: Map<number, T>, id: number): T | undefined {
    const value = map.get(id);
    map.delete(id);
    return value;
  }
}

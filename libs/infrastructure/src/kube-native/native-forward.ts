import { Clock, Logger, Timer } from '@localport/application';
import { Duplex } from 'node:stream';
import { dialChannel } from './channel-dialer';
import { ChannelStream, PodPortError } from './channel-stream';
import { KubeApiClient } from './kube-api-client';
import { KubeApiFailure } from './kube-api-failure';
import { PodTarget, TargetPlan } from './target-plan';
import { Balance, TargetPods } from './target-pods';

/** Longest wait before the spare is opened after a connection took the last one, ms. */
const SPARE_DELAY_MS = 50;

/** Tuning of one native forward. */
export interface NativeForwardOptions {
  readonly balance: Balance;
  /** WebSocket ping period; a connection that misses a whole period's pong is dead (so within 2 periods). */
  readonly pingIntervalMs: number;
  /** Keep one WebSocket open ahead, so a new connection skips the TLS + upgrade round trips. */
  readonly spare: boolean;
}

/** Counters for status and tests. */
export interface NativeForwardCounters {
  connections: number;
  /** Connections reset because the kubelet reported an error (nothing listening in the pod, …). */
  podErrors: number;
  /** WebSockets ended because they missed a ping. */
  deadConnections: number;
  /** Connections ended because their pod went away or stopped being Ready. */
  retargeted: number;
}

/**
 * The native data path of one service: follows the target's Ready pods, opens one `v4.channel` WebSocket per
 * client connection (with a spare ready), pings them all, and ends the connections of a pod that goes away.
 */
export class NativeForward {
  readonly counters: NativeForwardCounters = { connections: 0, podErrors: 0, deadConnections: 0, retargeted: 0 };
  private readonly pods: TargetPods;
  private readonly streams = new Set<ChannelStream>();
  private readonly alive = new WeakSet<ChannelStream>();
  private spare: ChannelStream | null = null;
  private refilling = false;
  private pinger: Timer | null = null;
  private stopped = false;

  constructor(
    private readonly client: KubeApiClient,
    private readonly plan: TargetPlan,
    private readonly options: NativeForwardOptions,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly onFatal: (failure: KubeApiFailure) => void,
  ) {
    this.pods = new TargetPods(client, plan, options.balance, clock, (gone) => this.retarget(gone), (f) => this.onWatchFailure(f));
  }

  /** Lists the target and starts following it; the failure when the first list fails. */
  async start(): Promise<KubeApiFailure | null> {
    const failure = await this.pods.start();
    if (failure === null) this.schedulePing();
    return failure;
  }

  /** The pod new connections go to now. */
  get target(): PodTarget | null {
    return this.pods.target;
  }

  /**
   * A connection to a Ready pod (waiting up to `timeoutMs` for one); rejects with why not. A pod deleted a moment
   * ago may still be picked before its watch event arrives: its 404 drops it and the next Ready pod is tried.
   */
  async open(timeoutMs: number): Promise<Duplex> {
    const deadline = this.clock.monotonic() + timeoutMs;
    for (;;) {
      const pod = await this.pods.pick(Math.max(0, deadline - this.clock.monotonic()));
      if (this.stopped) throw new Error('the forward was stopped');
      if (!pod) throw new Error(`no Ready pod for ${this.plan.description} within ${timeoutMs} ms`);
      let stream = this.takeSpare(pod);
      if (!stream) {
        try {
          stream = await dialChannel(this.client, pod, Math.max(1, deadline - this.clock.monotonic()));
        } catch (e) {
          if (e instanceof KubeApiFailure && e.kind === 'auth') this.onFatal(e);
          if (e instanceof KubeApiFailure && e.kind === 'not-found' && !this.stopped && this.clock.monotonic() < deadline) {
            this.log.info('the pod is gone although no watch event said so yet; trying another Ready pod', { pod: pod.name });
            this.pods.forget(pod);
            continue;
          }
          throw e;
        }
      }
      this.adopt(stream);
      if (this.options.spare) this.refillAfter(stream);
      return stream;
    }
  }

  stop(): void {
    this.stopped = true;
    this.pods.stop();
    this.pinger?.cancel();
    this.spare?.destroy();
    for (const s of this.streams) s.destroy();
  }

  private adopt(stream: ChannelStream): void {
    this.counters.connections++;
    this.streams.add(stream);
    this.alive.add(stream);
    stream.ws.on('pong', () => this.alive.add(stream));
    stream.on('error', (e: Error) => {
      if (!(e instanceof PodPortError)) return;
      this.counters.podErrors++;
      this.log.warn('the pod refused a forwarded connection; that connection was reset', { error: e.message });
    });
    stream.once('close', () => this.streams.delete(stream));
  }

  private takeSpare(pod: PodTarget): ChannelStream | null {
    const spare = this.spare;
    this.spare = null;
    if (spare && spare.podUid === pod.uid && !spare.destroyed && spare.ws.readyState === spare.ws.OPEN) return spare;
    spare?.destroy();
    return null;
  }

  /**
   * The spare's TLS handshake runs on this thread, so it waits until the connection just handed out has its
   * first answer (or {@link SPARE_DELAY_MS}), rather than slowing that first round trip.
   */
  private refillAfter(stream: ChannelStream): void {
    let done = false;
    const go = (): void => {
      if (done) return;
      done = true;
      timer.cancel();
      const next = this.pods.target;
      if (next && !this.stopped) this.refill(next);
    };
    const timer = this.clock.setTimer(SPARE_DELAY_MS, go);
    stream.once('answered', go);
    stream.once('close', go);
  }

  /** Opens the next connection's WebSocket ahead; a spare that fails is dropped, not retried (no loop on a dead port). */
  private refill(pod: PodTarget): void {
    if (this.refilling || this.spare) return;
    this.refilling = true;
    dialChannel(this.client, pod, 10_000).then(
      (stream) => {
        this.refilling = false;
        if (this.stopped || this.spare || !this.pods.readyPods.some((p) => p.uid === pod.uid)) return void stream.destroy();
        stream.on('error', () => undefined);
        stream.once('close', () => {
          if (this.spare === stream) this.spare = null;
        });
        this.alive.add(stream);
        stream.ws.on('pong', () => this.alive.add(stream));
        this.spare = stream;
      },
      () => {
        this.refilling = false;
      },
    );
  }

  private retarget(gone: PodTarget[]): void {
    const uids = new Set(gone.map((p) => p.uid));
    this.log.info('pods left the target; their connections end', { pods: gone.map((p) => p.name) });
    if (this.spare && uids.has(this.spare.podUid)) this.spare.destroy();
    for (const s of this.streams) {
      if (!uids.has(s.podUid)) continue;
      this.counters.retargeted++;
      s.destroy(Object.assign(new Error('the pod went away'), { code: 'ECONNRESET' }));
    }
  }

  private onWatchFailure(failure: KubeApiFailure): void {
    if (failure.kind === 'auth') return this.onFatal(failure);
    this.log.warn('watching the target failed; retrying', { target: this.plan.description, error: failure.message });
  }

  private schedulePing(): void {
    this.pinger = this.clock.setTimer(this.options.pingIntervalMs, () => {
      if (this.stopped) return;
      let dead = 0;
      for (const s of [...this.streams, ...(this.spare ? [this.spare] : [])]) {
        if (s.ws.readyState !== s.ws.OPEN) continue;
        if (!this.alive.has(s)) {
          dead++;
          s.ws.terminate();
          continue;
        }
        this.alive.delete(s);
        s.ws.ping();
      }
      if (dead > 0) {
        this.counters.deadConnections += dead;
        this.log.warn('port-forward connections stopped answering pings; they were ended and the target is listed again', { connections: dead });
        this.pods.resync();
      }
      this.schedulePing();
    });
  }
}

import { Socket } from 'node:net';
import { UpstreamSource } from '@localport/application';
import { UpstreamSocket } from './open-stream-upstream';
import { RelayCounters } from './relay-counters';
import { resetSocket } from './reset-socket';
import { UpstreamDialer } from './upstream-dialer';

type Phase = 'waiting' | 'dialing' | 'piping' | 'closed';

/** Client bytes kept for a replay until the upstream first answers; past this, a reset is passed on as is. */
const REPLAY_LIMIT_BYTES = 256 * 1024;
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE']);

/**
 * One accepted client: waits for an upstream endpoint, dials it through the listener's dialer (which rides out a
 * busy upstream and reports only a dead one; one retry after that), then pipes both ways with half-close kept.
 * `onEnded` runs once when both sockets are gone.
 *
 * A tunnel killed at the instant a client is relayed to it resets a connection its process never served: the
 * dial landed in the dying listener's backlog. So a reset from an upstream that has not sent a byte yet is
 * retried once on the endpoint the source hands out next, replaying what the client sent. (A process that read
 * a request and then died closes with a FIN, which is passed on, never replayed.)
 */
export class RelayConnection {
  private phase: Phase = 'waiting';
  private upstream: UpstreamSocket | null = null;
  private clientClosed = false;
  private upstreamClosed = false;
  private ended = false;
  private deadline = 0;
  private failedDials = 0;
  /** What the client sent to an upstream that has not answered yet; null once it has, or once replay is off. */
  private unanswered: Buffer[] | null = [];
  private unansweredBytes = 0;
  private retriedAfterReset = false;
  /** Aborts a dial in progress once this connection is closed. */
  private readonly closed = new AbortController();

  constructor(
    private readonly client: Socket,
    private readonly source: UpstreamSource,
    private readonly dialer: UpstreamDialer,
    private readonly counters: RelayCounters,
    private readonly onEnded: (relay: RelayConnection) => void,
  ) {
    client.on('error', (e) => this.onSocketError(client, e));
    client.once('close', () => {
      this.clientClosed = true;
      // A client that went away without a clean FIN in both directions takes its upstream with it.
      if (!client.readableEnded || client.errored) this.destroy();
      this.maybeEnded();
    });
  }

  /**
   * True once the relay pipes to an upstream (what dropConnections ends). A relay still dialing is
   * left alone: if the upstream it dials is the dead one, the dial fails and it waits for the next.
   */
  get relaying(): boolean {
    return this.phase === 'piping';
  }

  get bytesIn(): number {
    return this.client.bytesRead;
  }

  get bytesOut(): number {
    return this.upstream?.bytesRead ?? 0;
  }

  /** Runs the connection; `connectTimeoutMs` bounds the wait for an upstream and the dials together. */
  start(connectTimeoutMs: number): Promise<void> {
    this.deadline = Date.now() + connectTimeoutMs;
    return this.connect();
  }

  /** Ends both sides at once, with a reset towards the client. */
  destroy(): void {
    if (this.isClosed()) return;
    this.close();
    resetSocket(this.client);
    this.destroyUpstream();
    this.maybeEnded();
  }

  private async connect(): Promise<void> {
    while (this.failedDials < 2) {
      const remaining = this.deadline - Date.now();
      if (remaining <= 0) break;
      const endpoint = await this.source.acquire(remaining);
      if (this.isClosed()) return;
      if (endpoint === null) break;
      this.phase = 'dialing';
      const dial = await this.dialer.open(endpoint, this.deadline, this.closed.signal);
      if (this.isClosed()) {
        if (dial.ok) dial.socket.destroy();
        return;
      }
      if (dial.ok) {
        this.attachUpstream(dial.socket);
        return this.pipe(dial.socket);
      }
      this.counters.dialFailures++;
      // A listener that dropped the connect is retried once, like a reset before the first answer.
      if (dial.verdict === 'reset' && !this.retriedAfterReset) {
        this.retriedAfterReset = true;
        this.phase = 'waiting';
        continue;
      }
      // Out of time while the upstream was busy (or reset twice): this client gives up, the upstream is not blamed.
      if (dial.verdict !== 'dead') break;
      this.failedDials++;
      // Back to waiting before reporting: the report may drop every relaying connection, not this one.
      this.phase = 'waiting';
      this.source.reportDialFailure(endpoint, dial.message);
    }
    this.destroy();
  }

  private close(): void {
    this.phase = 'closed';
    this.closed.abort();
  }

  // A method, not a field read: the phase changes across awaits, which narrowing cannot see.
  private isClosed(): boolean {
    return this.phase === 'closed';
  }

  private attachUpstream(socket: UpstreamSocket): void {
    this.upstream = socket;
    this.upstreamClosed = false;
    socket.on('error', (e) => this.onSocketError(socket, e));
    socket.once('close', () => {
      if (this.upstream !== socket) return;
      this.upstreamClosed = true;
      if (this.phase === 'piping' && (!socket.readableEnded || socket.errored)) resetSocket(this.client);
      this.maybeEnded();
    });
  }

  private pipe(upstream: UpstreamSocket): void {
    this.phase = 'piping';
    const replay = this.unanswered;
    if (this.retriedAfterReset) {
      // This is the one retry: what the client sent goes again, and no further replay is kept.
      for (const chunk of replay ?? []) upstream.write(chunk);
      this.stopRecording();
    } else if (replay !== null) {
      this.client.on('data', this.record);
      upstream.once('data', () => this.stopRecording());
    }
    // pipe() ends the other side on EOF, which forwards a half-close; backpressure comes with it.
    if (this.client.readableEnded) upstream.end();
    else this.client.pipe(upstream);
    upstream.pipe(this.client);
  }

  private readonly record = (chunk: Buffer): void => {
    if (this.unanswered === null) return;
    this.unanswered.push(chunk);
    this.unansweredBytes += chunk.length;
    if (this.unansweredBytes > REPLAY_LIMIT_BYTES) this.stopRecording();
  };

  private stopRecording(): void {
    this.unanswered = null;
    this.unansweredBytes = 0;
    this.client.off('data', this.record);
  }

  private onSocketError(socket: UpstreamSocket, error: NodeJS.ErrnoException): void {
    if (socket === this.upstream && this.phase === 'piping' && this.unanswered !== null && !this.retriedAfterReset && RESET_CODES.has(error.code ?? '')) {
      return this.retryAfterReset(socket);
    }
    // During a dial the dial itself reports the error; afterwards an error on one side aborts the pair.
    if (this.phase !== 'piping' && socket === this.upstream) return;
    this.destroy();
  }

  /** The upstream reset before answering: detach it, hold the client, and connect again (replaying on success). */
  private retryAfterReset(dead: UpstreamSocket): void {
    this.retriedAfterReset = true;
    this.client.unpipe(dead);
    dead.unpipe(this.client);
    this.client.pause();
    this.upstream = null;
    this.phase = 'waiting';
    dead.destroy();
    this.connect().catch(() => this.destroy());
  }

  private destroyUpstream(): void {
    if (this.upstream && !this.upstream.destroyed) this.upstream.destroy();
  }

  private maybeEnded(): void {
    if (this.ended || !this.clientClosed || (this.upstream !== null && !this.upstreamClosed)) return;
    this.ended = true;
    this.close();
    this.onEnded(this);
  }
}

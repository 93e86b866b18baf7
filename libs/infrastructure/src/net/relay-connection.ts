import { Socket } from 'node:net';
import { UpstreamSource } from '@localport/application';
import { dialUpstream } from './dial-upstream';
import { RelayCounters } from './relay-counters';
import { resetSocket } from './reset-socket';

type Phase = 'waiting' | 'dialing' | 'piping' | 'closed';

/**
 * One accepted client: waits for an upstream endpoint, dials it (one retry after a reported dial failure),
 * then pipes both ways with half-close kept. `onEnded` runs once when both sockets are gone.
 */
export class RelayConnection {
  private phase: Phase = 'waiting';
  private upstream: Socket | null = null;
  private clientClosed = false;
  private upstreamClosed = false;
  private ended = false;

  constructor(
    private readonly client: Socket,
    private readonly source: UpstreamSource,
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
  async start(connectTimeoutMs: number): Promise<void> {
    const deadline = Date.now() + connectTimeoutMs;
    for (let attempt = 0; attempt < 2; attempt++) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      const endpoint = await this.source.acquire(remaining);
      if (this.isClosed()) return;
      if (endpoint === null) break;
      this.phase = 'dialing';
      const dial = dialUpstream(endpoint, Math.max(1, deadline - Date.now()));
      this.attachUpstream(dial.socket);
      const failure = await dial.outcome;
      if (this.isClosed()) return;
      if (failure === null) return this.pipe(dial.socket);
      this.counters.dialFailures++;
      // Back to waiting before reporting: the report may drop every relaying connection, not this one.
      this.phase = 'waiting';
      this.source.reportDialFailure(endpoint, failure);
    }
    this.destroy();
  }

  /** Ends both sides at once, with a reset towards the client. */
  destroy(): void {
    if (this.isClosed()) return;
    this.phase = 'closed';
    resetSocket(this.client);
    this.destroyUpstream();
    this.maybeEnded();
  }

  // A method, not a field read: the phase changes across awaits, which narrowing cannot see.
  private isClosed(): boolean {
    return this.phase === 'closed';
  }

  private attachUpstream(socket: Socket): void {
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

  private pipe(upstream: Socket): void {
    this.phase = 'piping';
    // pipe() ends the other side on EOF, which forwards a half-close; backpressure comes with it.
    this.client.pipe(upstream);
    upstream.pipe(this.client);
  }

  private onSocketError(socket: Socket, _error: Error): void {
    // During a dial the dial itself reports the error; afterwards an error on one side aborts the pair.
    if (this.phase !== 'piping' && socket === this.upstream) return;
    this.destroy();
  }

  private destroyUpstream(): void {
    if (this.upstream && !this.upstream.destroyed) this.upstream.destroy();
  }

  private maybeEnded(): void {
    if (this.ended || !this.clientClosed || (this.upstream !== null && !this.upstreamClosed)) return;
    this.ended = true;
    this.phase = 'closed';
    this.onEnded(this);
  }
}

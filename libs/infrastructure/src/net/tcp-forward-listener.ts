import { createServer, Server, Socket } from 'node:net';
import { ForwardListener, ListenerStats, UpstreamSource } from '@localport/application';
import { hostPort } from './host-port';
import { UpstreamSocket } from './open-stream-upstream';
import { newRelayCounters } from './relay-counters';
import { RelayConnection } from './relay-connection';
import { UpstreamDialer } from './upstream-dialer';

/**
 * Connections the kernel queues for a local port before the daemon accepts them (capped by net.core.somaxconn).
 * A full queue drops handshakes; under load the client, which may already have sent, then gets a reset from the
 * kernel that the daemon never sees (issue 11's lost storm clients, with Node's default of 511).
 */
const LISTEN_BACKLOG = 4096;

/** A bound local port relaying each client to the current upstream. Built by TcpListenerFactory. */
export class TcpForwardListener implements ForwardListener {
  private readonly relays = new Set<RelayConnection>();
  private readonly counters = newRelayCounters();
  private readonly dialer = new UpstreamDialer();
  private readonly server: Server;
  private closing: Promise<void> | null = null;
  private bound = { address: '', port: 0 };

  constructor(
    private readonly upstream: UpstreamSource,
    private readonly connectTimeoutMs: number,
  ) {
    // Clients are paused until an upstream is dialed, so nothing is read (or lost) while we wait.
    this.server = createServer({ allowHalfOpen: true, pauseOnConnect: true, noDelay: true }, (socket) => this.accept(socket));
  }

  get address(): string {
    return this.bound.address;
  }

  get port(): number {
    return this.bound.port;
  }

  /** Binds; resolves null once listening or the listen error. Called once by the factory. */
  bind(address: string, port: number): Promise<NodeJS.ErrnoException | null> {
    return new Promise((resolve) => {
      const onError = (e: NodeJS.ErrnoException): void => resolve(e);
      this.server.once('error', onError);
      // A burst of clients (a connection pool opening, the 2,000-client storm test) queues in the kernel while the
      // daemon is busy for a moment: Node's default backlog of 511 overflows there (capped by net.core.somaxconn).
      this.server.listen({ host: address, port, exclusive: true, backlog: LISTEN_BACKLOG }, () => {
        this.server.off('error', onError);
        const a = this.server.address();
        if (a !== null && typeof a !== 'string') this.bound = { address: a.address, port: a.port };
        // Later server errors (EMFILE on accept) must not crash the daemon; the server keeps listening.
        this.server.on('error', () => undefined);
        resolve(null);
      });
    });
  }

  stats(): ListenerStats {
    let bytesIn = this.counters.retiredBytesIn;
    let bytesOut = this.counters.retiredBytesOut;
    for (const relay of this.relays) {
      bytesIn += relay.bytesIn;
      bytesOut += relay.bytesOut;
    }
    const { connectionsTotal, dialFailures } = this.counters;
    return { connectionsTotal, connectionsActive: this.relays.size, bytesIn, bytesOut, dialFailures };
  }

  dropConnections(): void {
    for (const relay of this.relays) if (relay.relaying) relay.destroy();
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const relay of this.relays) relay.destroy();
    });
    return this.closing;
  }

  /**
   * Opens a connection to the current upstream as a relayed client's is opened (the same wait for an endpoint, the
   * same dialer and dial slots, a dead upstream reported to the source), without a client: the tcp health check's
   * way through its own service's port, in-process. The socket, or why there is none; never rejects.
   */
  async connectUpstream(timeoutMs: number, signal: AbortSignal): Promise<{ socket: UpstreamSocket } | { failure: string }> {
    if (this.closing || !this.server.listening) return { failure: `${hostPort(this.bound.address, this.bound.port)} is not listening` };
    const deadline = Date.now() + timeoutMs;
    const endpoint = await this.upstream.acquire(timeoutMs);
    if (endpoint === null) return { failure: `no tunnel came up to relay to within ${timeoutMs} ms` };
    if (signal.aborted) return { failure: 'aborted' };
    const dial = await this.dialer.open(endpoint, deadline, signal);
    if (dial.ok) return { socket: dial.socket };
    this.counters.dialFailures++;
    if (dial.verdict === 'dead') this.upstream.reportDialFailure(endpoint, dial.message);
    return { failure: dial.message };
  }

  private accept(client: Socket): void {
    if (this.closing) return void client.destroy();
    this.counters.connectionsTotal++;
    const relay = new RelayConnection(client, this.upstream, this.dialer, this.counters, (ended) => this.retire(ended));
    this.relays.add(relay);
    // An UpstreamSource that throws is a bug elsewhere; this client is dropped, the listener lives on.
    relay.start(this.connectTimeoutMs).catch(() => relay.destroy());
  }

  private retire(relay: RelayConnection): void {
    if (!this.relays.delete(relay)) return;
    this.counters.retiredBytesIn += relay.bytesIn;
    this.counters.retiredBytesOut += relay.bytesOut;
  }
}

import { err, ok, Result } from '@localport/domain';
import { BindError, ForwardListener, ListenerFactory, ListenerStats, UpstreamSource } from '../ports/forward-listener.port';

/** A local port that exists only in memory; tests drive clients through `connect()`. */
export class FakeListener implements ForwardListener {
  closed = false;
  drops = 0;
  constructor(
    readonly address: string,
    readonly port: number,
    readonly upstream: UpstreamSource,
    readonly connectTimeoutMs: number,
  ) {}
  stats(): ListenerStats {
    return { connectionsTotal: 0, connectionsActive: 0, bytesIn: 0, bytesOut: 0, dialFailures: 0 };
  }
  dropConnections(): void {
    this.drops++;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
  /** What a client connecting now would be relayed to (or null when it would be refused). */
  connect() {
    return this.upstream.acquire(this.connectTimeoutMs);
  }
}

/** Opens fake listeners; ports in `busy` fail with PORT_IN_USE like a real bind would. */
export class FakeListenerFactory implements ListenerFactory {
  readonly listeners: FakeListener[] = [];
  readonly busy = new Map<number, { pid: number; command: string }>();
  async listen(bind: { address: string; port: number }, upstream: UpstreamSource, options: { connectTimeoutMs: number }): Promise<Result<ForwardListener, BindError>> {
    const owner = this.busy.get(bind.port);
    if (owner || this.listeners.some((l) => !l.closed && l.port === bind.port)) {
      return err(new BindError('FORWARD.PORT_IN_USE', `${bind.address}:${bind.port} is already in use${owner ? ` by pid ${owner.pid} (${owner.command})` : ''}`, owner));
    }
    const listener = new FakeListener(bind.address, bind.port, upstream, options.connectTimeoutMs);
    this.listeners.push(listener);
    return ok(listener);
  }
  open(port: number): FakeListener | undefined {
    return this.listeners.find((l) => !l.closed && l.port === port);
  }
}

import { connect, createServer, Server, Socket } from 'node:net';

/** A TCP server that accepts and never says a word (kubectl waits on its first request, ssh on a banner). */
export interface MuteTcpServer {
  readonly port: number;
  /** Resolves on the first connection. */
  readonly accepted: Promise<void>;
  /** Resolves once every connection it accepted is closed by the peer (the client process is gone). */
  closedAll(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a {@link MuteTcpServer} on 127.0.0.1 and an ephemeral port. */
export async function startMuteTcpServer(): Promise<MuteTcpServer> {
  const sockets = new Set<Socket>();
  let onAccept!: () => void;
  const accepted = new Promise<void>((r) => (onAccept = r));
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.resume(); // read, so the peer's close is seen
    onAccept();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    accepted,
    closedAll: async () => {
      await Promise.all([...sockets].map((s) => (s.closed ? undefined : new Promise((r) => s.once('close', r)))));
    },
    stop: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** True when something accepts a connection at the TCP address or Unix socket path. */
export function acceptsConnection(to: { host: string; port: number } | { path: string }, timeoutMs = 2_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = 'path' in to ? connect(to.path) : connect(to.port, to.host);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';

/**
 * What the server does with each connection: `echo` pipes it back (a half-close is echoed too), `digest` reads
 * until the client's FIN then answers `<sha256 hex> <byte count>\n` and ends, `close` ends at once, `reset` sends an RST,
 * `silent` reads everything and never answers, `reset-once` resets its first connection at its first bytes and echoes
 * every later one (a tunnel dying under a fresh connection), `answer-then-reset` echoes the first bytes and resets at the next.
 */
export type StreamServerMode = 'echo' | 'digest' | 'close' | 'reset' | 'silent' | 'reset-once' | 'answer-then-reset';

export interface StreamTestServer {
  /** Where to dial (an UpstreamEndpoint): TCP `host`/`port`, or `path` for a Unix-socket server. */
  readonly endpoint: { kind: 'tcp'; host: string; port: number } | { kind: 'unix'; path: string };
  /** Connections accepted so far. */
  readonly accepted: () => number;
  /**
   * Connections that sent at least one byte so far. Unlike {@link accepted}, a connection opened ahead and
   * never used (a forwarder's spare WebSocket makes the API server dial the pod) does not count.
   */
  readonly served: () => number;
  /** Sockets currently open. */
  readonly open: () => number;
  stop(): Promise<void>;
}

/** Starts a loopback stream server (TCP on 127.0.0.1, port 0, unless `path` or `host` is given). */
export async function startStreamServer(options: { mode?: StreamServerMode; path?: string; host?: string } = {}): Promise<StreamTestServer> {
  const mode = options.mode ?? 'echo';
  const sockets = new Set<Socket>();
  let accepted = 0;
  let served = 0;
  const server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    accepted++;
    sockets.add(socket);
    socket.prependOnceListener('data', () => served++);
    socket.on('error', () => undefined).once('close', () => sockets.delete(socket));
    serve(socket, mode === 'reset-once' ? (accepted === 1 ? 'reset-at-data' : 'echo') : mode);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const done = (): void => {
      server.off('error', reject);
      resolve();
    };
    if (options.path) server.listen(options.path, done);
    else server.listen(0, options.host ?? '127.0.0.1', done);
  });
  const a = server.address();
  const endpoint = a !== null && typeof a === 'object' ? { kind: 'tcp' as const, host: a.address, port: a.port } : { kind: 'unix' as const, path: String(options.path) };
  return {
    endpoint,
    accepted: () => accepted,
    served: () => served,
    open: () => sockets.size,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (options.path) await rm(options.path, { force: true });
    },
  };
}

function serve(socket: Socket, mode: Exclude<StreamServerMode, 'reset-once'> | 'reset-at-data'): void {
  if (mode === 'echo') return void socket.pipe(socket);
  if (mode === 'reset-at-data') return void socket.once('data', () => socket.resetAndDestroy());
  if (mode === 'answer-then-reset') return void socket.once('data', (chunk: Buffer) => socket.write(chunk, () => socket.once('data', () => socket.resetAndDestroy())));
  if (mode === 'close') return void socket.end();
  if (mode === 'reset') return void socket.resetAndDestroy();
  if (mode === 'silent') return void socket.resume().once('end', () => socket.end());
  const hash = createHash('sha256');
  let bytes = 0;
  socket.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  socket.once('end', () => socket.end(`${hash.digest('hex')} ${bytes}\n`));
}

import { connect, Socket } from 'node:net';

/** Connects to `host:port` (half-close enabled) and resolves once connected. */
export function connectTcp(port: number, host = '127.0.0.1'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host, allowHalfOpen: true, noDelay: true });
    socket.once('error', reject).once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });
}

/** How a client connection ended, with everything it received. */
export interface ClientOutcome {
  readonly received: Buffer;
  /** True when the peer sent a FIN ('end'), false when the socket closed without one. */
  readonly ended: boolean;
  /** The socket error code (ECONNRESET for a reset), if any. */
  readonly errorCode?: string;
}

/** Collects what `socket` receives until it closes; does not write or end it. */
export function collect(socket: Socket): Promise<ClientOutcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let ended = false;
    let errorCode: string | undefined;
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.once('end', () => (ended = true));
    socket.once('error', (e: NodeJS.ErrnoException) => (errorCode = e.code ?? e.message));
    socket.once('close', () => resolve({ received: Buffer.concat(chunks), ended, errorCode }));
  });
}

/** Writes `payload`, half-closes, and collects the answer until the socket closes. */
export async function exchange(port: number, payload: Buffer | string, host = '127.0.0.1'): Promise<ClientOutcome> {
  const socket = await connectTcp(port, host);
  const outcome = collect(socket);
  socket.end(payload);
  const result = await outcome;
  socket.destroy();
  return result;
}

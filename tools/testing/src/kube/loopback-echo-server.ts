import { createServer, Socket } from 'node:net';
import { PortTarget } from './fake-kube-state';

/** A TCP echo server on 127.0.0.1 standing in for a container port. */
export interface LoopbackEchoServer {
  readonly port: number;
  /** `{ host, port }`, ready for `state.portTargets["ns/pod"][containerPort]`. */
  readonly target: PortTarget;
  /** Connections accepted so far. */
  readonly connections: () => number;
  /** Closes the listener and destroys every connection. */
  close(): Promise<void>;
}

/** Starts an echo server: every byte comes back, and a half-close is answered with a half-close. */
export async function startLoopbackEchoServer(): Promise<LoopbackEchoServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    target: { host: '127.0.0.1', port },
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

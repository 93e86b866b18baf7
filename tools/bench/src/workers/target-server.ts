import { createServer, Server, Socket } from 'node:net';
import { ACK, ECHO, SINK, SINK_HEADER_BYTES } from './target-protocol';

/** Serves the target protocol on 127.0.0.1 (see target-protocol.ts); resolves the listening server. */
export async function startTargetServer(): Promise<Server> {
  const server = createServer({ noDelay: true }, serve);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return server;
}

function serve(socket: Socket): void {
  socket.on('error', () => socket.destroy());
  let head = Buffer.alloc(0);
  const onData = (chunk: Buffer): void => {
    head = Buffer.concat([head, chunk]);
    if (head[0] === ECHO) {
      socket.off('data', onData);
      if (head.length > 1) socket.write(head.subarray(1));
      socket.pipe(socket);
      return;
    }
    if (head[0] !== SINK) return void socket.destroy();
    if (head.length < SINK_HEADER_BYTES) return;
    socket.off('data', onData);
    sink(socket, Number(head.readBigUInt64BE(1)), head.length - SINK_HEADER_BYTES);
  };
  socket.on('data', onData);
}

function sink(socket: Socket, expected: number, already: number): void {
  let received = already;
  const check = (): void => {
    if (received < expected) return;
    socket.off('data', count);
    socket.write(ACK);
  };
  const count = (chunk: Buffer): void => {
    received += chunk.length;
    check();
  };
  socket.on('data', count);
  check();
}

import { AddressInfo, connect, createServer, Socket } from 'node:net';

/** A loopback TCP proxy that can go silent (a dead network path: no FIN, no RST, bytes just stop). */
export interface StallableProxy {
  readonly port: number;
  /** Stops moving bytes on every connection, old and new, without closing anything. */
  stall(): void;
  close(): Promise<void>;
}

/** Starts a proxy to `127.0.0.1:targetPort`. */
export async function startStallableProxy(targetPort: number): Promise<StallableProxy> {
  const sockets = new Set<Socket>();
  let stalled = false;
  const track = (s: Socket): void => {
    sockets.add(s);
    s.on('error', () => undefined).once('close', () => sockets.delete(s));
  };
  const server = createServer((client) => {
    const upstream = connect({ host: '127.0.0.1', port: targetPort });
    track(client);
    track(upstream);
    const relay = (from: Socket, to: Socket): void => {
      from.on('data', (c: Buffer) => {
        if (!stalled) to.write(c);
      });
      from.once('close', () => to.destroy());
    };
    relay(client, upstream);
    relay(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stall: () => void (stalled = true),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

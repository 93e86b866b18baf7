import { createServer, Server, Socket } from 'node:net';
import { TcpHostProbe } from './tcp-host-probe.adapter';

const listen = (server: Server, host = '127.0.0.1'): Promise<number> =>
  new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as { port: number }).port)));
const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

describe(TcpHostProbe.name, () => {
  const probe = new TcpHostProbe();

  it('answers true for a port something listens on, and closes its connection at once without sending anything', async () => {
    const received: Buffer[] = [];
    let peer: Socket | null = null;
    const closed = new Promise<void>((resolve) => {
      const server = createServer((s) => {
        peer = s;
        s.on('data', (d) => received.push(d));
        s.on('close', () => resolve());
      });
      servers.push(server);
    });
    const port = await listen(servers[0]);
    expect(await probe.reachable('127.0.0.1', port, 1_000)).toBe(true);
    await closed;
    expect(peer).not.toBeNull();
    expect(received).toEqual([]);
  });

  it('answers false, quickly, for a loopback port nothing listens on', async () => {
    const server = createServer();
    const port = await listen(server);
    await close(server);
    const started = Date.now();
    expect(await probe.reachable('127.0.0.1', port, 1_500)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('answers on IPv6 loopback too, when the machine has it', async () => {
    const server = createServer();
    servers.push(server);
    const port = await listen(server, '::1').catch(() => null);
    if (port === null) return;
    expect(await probe.reachable('::1', port, 1_000)).toBe(true);
  });

  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).filter((s) => s.listening).map(close));
  });
});

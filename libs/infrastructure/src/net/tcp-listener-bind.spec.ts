import { createServer, Server } from 'node:net';
import { BindError } from '@localport/application';
import { unwrap } from '@localport/domain';
import { collect, connectTcp, ControlledUpstream, exchange, startStreamServer } from '@localport/testing/loopback';
import { PortOwnerFinder } from './port-owner';
import { TcpListenerFactory } from './tcp-listener-factory.adapter';

const noUpstream = () => new ControlledUpstream(null);
const options = { connectTimeoutMs: 2_000 };

/** A plain server holding a loopback port, like a foreign process would. */
async function occupy(host = '127.0.0.1'): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const a = server.address();
  return { port: a !== null && typeof a === 'object' ? a.port : 0, server };
}

const bindError = (r: { ok: boolean; error?: BindError }): BindError => {
  if (r.ok || !r.error) throw new Error('expected a bind failure');
  return r.error;
};

describe('TcpListenerFactory binding', () => {
  it('reports a taken port as PORT_IN_USE naming the owner the finder returns', async () => {
    const { port, server } = await occupy();
    const asked: number[] = [];
    const finder: PortOwnerFinder = async (p) => (asked.push(p), { pid: 1234, command: 'python3 -m http.server 8080' });
    try {
      const error = bindError(await new TcpListenerFactory(finder).listen({ address: '127.0.0.1', port }, noUpstream(), options));

      expect(error).toBeInstanceOf(BindError);
      expect(error.code).toBe('FORWARD.PORT_IN_USE');
      expect(error.message).toBe(`127.0.0.1:${port} is already in use by pid 1234 (python3 -m http.server 8080)`);
      expect(error.owner).toEqual({ pid: 1234, command: 'python3 -m http.server 8080' });
      expect(asked).toEqual([port]);
      expect((error.cause as NodeJS.ErrnoException).code).toBe('EADDRINUSE');
    } finally {
      server.close();
    }
  });

  it('still reports PORT_IN_USE when there is no finder or it fails', async () => {
    const { port, server } = await occupy();
    try {
      const plain = bindError(await new TcpListenerFactory().listen({ address: '127.0.0.1', port }, noUpstream(), options));
      const broken = bindError(await new TcpListenerFactory(() => Promise.reject(new Error('ss missing'))).listen({ address: '127.0.0.1', port }, noUpstream(), options));

      for (const e of [plain, broken]) expect(e).toMatchObject({ code: 'FORWARD.PORT_IN_USE', message: `127.0.0.1:${port} is already in use`, owner: undefined });
    } finally {
      server.close();
    }
  });

  it('fails with BIND_FAILED for an address that is not on this machine or not an IP', async () => {
    const foreign = bindError(await new TcpListenerFactory().listen({ address: '192.0.2.1', port: 0 }, noUpstream(), options));
    const name = bindError(await new TcpListenerFactory().listen({ address: 'example.invalid', port: 8080 }, noUpstream(), options));

    expect(foreign).toMatchObject({ code: 'FORWARD.BIND_FAILED', message: 'cannot bind 192.0.2.1:0: address 192.0.2.1 does not belong to this machine' });
    expect(name).toMatchObject({ code: 'FORWARD.BIND_FAILED', message: 'cannot bind example.invalid:8080: "example.invalid" is not an IP address' });
  });

  it('releases the port on close, so it can be bound again, and ends open connections', async () => {
    const echo = await startStreamServer();
    const factory = new TcpListenerFactory();
    const first = unwrap(await factory.listen({ address: '127.0.0.1', port: 0 }, new ControlledUpstream(echo.endpoint), options));
    const port = first.port;
    const held = await connectTcp(port);
    const heldOutcome = collect(held);
    held.write('x');
    await new Promise((resolve) => held.once('data', resolve));

    await first.close();
    const second = unwrap(await factory.listen({ address: '127.0.0.1', port }, new ControlledUpstream(echo.endpoint), options));

    expect((await heldOutcome).errorCode).toBe('ECONNRESET');
    expect(second.port).toBe(port);
    expect((await exchange(port, 'again')).received.toString()).toBe('again');
    await second.close();
    await echo.stop();
  });

  it('also ends clients still waiting for an upstream when closed', async () => {
    const upstream = noUpstream();
    const listener = unwrap(await new TcpListenerFactory().listen({ address: '127.0.0.1', port: 0 }, upstream, { connectTimeoutMs: 60_000 }));
    const waiting = upstream.nextAcquire();
    const outcome = collect(await connectTcp(listener.port));
    await waiting;

    await listener.close();

    expect((await outcome).errorCode).toBe('ECONNRESET');
    expect(listener.stats().connectionsActive).toBe(0);
    upstream.release();
  });

  it('binds an IPv6 loopback address', async () => {
    const echo = await startStreamServer();
    const listener = unwrap(await new TcpListenerFactory().listen({ address: '::1', port: 0 }, new ControlledUpstream(echo.endpoint), options));
    try {
      expect(listener.address).toBe('::1');
      expect((await exchange(listener.port, 'v6', '::1')).received.toString()).toBe('v6');
    } finally {
      await listener.close();
      await echo.stop();
    }
  });
});

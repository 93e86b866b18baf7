import { createServer } from 'node:net';
import { findPortOwner, listeningInodes } from './find-port-owner';
import { spawnChild, SpawnedChild } from './spawn-child';
import { stopChild } from './stop-child';

const LISTENER = "const s=require('net').createServer().listen(0,'127.0.0.1',()=>console.log('port',s.address().port))";

describe(findPortOwner.name, () => {
  let child: SpawnedChild | undefined;
  afterEach(async () => {
    if (child) await stopChild(child, 1_000);
    child = undefined;
  });

  it('names the process listening on a port, with its pid and command line', async () => {
    let announce!: (port: number) => void;
    const announced = new Promise<number>((r) => (announce = r));
    child = spawnChild(process.execPath, ['-e', LISTENER, 'lp-port-owner-marker'], {
      onLine: (line) => line.startsWith('port ') && announce(Number(line.slice(5))),
    });
    const port = await announced;
    const owner = await findPortOwner(port);
    expect(owner).toEqual({ pid: child.pid, command: expect.stringContaining('lp-port-owner-marker') });
    expect(owner?.command.startsWith(process.execPath)).toBe(true);
  }, 30_000);

  it('finds this very process for a port it listens on over IPv6 too', async () => {
    const server = createServer();
    const listened = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(0, '::1', () => resolve(true));
    });
    if (!listened) return; // no IPv6 loopback on this machine: nothing to find
    try {
      const port = (server.address() as { port: number }).port;
      expect(await findPortOwner(port)).toMatchObject({ pid: process.pid });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('returns null when nothing listens', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    await new Promise((r) => server.close(r));
    expect(await findPortOwner(port)).toBeNull();
  });
});

describe(listeningInodes.name, () => {
  it('picks LISTEN rows for the port from a /proc/net/tcp table', () => {
    const table = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0000000000000000 100 0 0 10 0',
      '   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 222 1 0000000000000000 20 4 30 10 -1',
      '   2: 00000000:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 333 1 0000000000000000 100 0 0 10 0',
    ].join('\n');
    expect(listeningInodes(table, 8080)).toEqual(['111']);
    expect(listeningInodes(table, 8081)).toEqual(['333']);
  });
});

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { freePort, waitUntil } from '@localport/testing/loopback';
import { BindLocalPortDiagnostics } from './local-port-diagnostics.adapter';

describe(BindLocalPortDiagnostics.name, () => {
  const ports = new BindLocalPortDiagnostics();

  it('says a free port is free', async () => {
    expect(await ports.holder(await freePort(), '127.0.0.1')).toEqual({ free: true });
  });

  it('names the other process that holds a port', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${port}, '127.0.0.1', () => console.log('up'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    try {
      await waitUntil(() => out.includes('up'), 10_000, 'the child listening');
      expect(await ports.holder(port, '127.0.0.1')).toEqual({ free: false, pid: child.pid, command: expect.stringContaining('createServer') });
    } finally {
      child.kill('SIGKILL');
    }
  }, 20_000);

  it('counts a port held on 0.0.0.0 as taken for 127.0.0.1 too', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      expect(await ports.holder(port, '127.0.0.1')).toEqual({ free: false, pid: process.pid, command: expect.any(String) });
    } finally {
      server.close();
    }
  });
});

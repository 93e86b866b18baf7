import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ControlServer } from '../control/control-server';
import { routeControl } from '../control/control-router';
import { SocketDaemonDiagnostics } from './daemon-socket-diagnostics.adapter';

describe(SocketDaemonDiagnostics.name, () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lp-doctor-sock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sees no daemon when nothing listens', async () => {
    expect(await new SocketDaemonDiagnostics(join(dir, 'run', 'daemon.sock')).inspect()).toMatchObject({ running: false, pid: null, socketMode: null });
  });

  it('reads the pid over the socket and the modes of the socket and its directory', async () => {
    const socketPath = join(dir, 'run', 'daemon.sock');
    const server = new ControlServer(routeControl({ ping: async () => ({ pid: 4242, version: 't', uptimeSeconds: 1 }) }));
    expect((await server.listen(socketPath)).ok).toBe(true);
    try {
      const diagnostics = new SocketDaemonDiagnostics(socketPath);
      expect(await diagnostics.inspect()).toEqual({ running: true, pid: 4242, socketPath, socketMode: 0o600, dirMode: 0o700 });
      chmodSync(socketPath, 0o666);
      expect(await diagnostics.inspect()).toMatchObject({ socketMode: 0o666 });
    } finally {
      await server.close();
    }
  });
});

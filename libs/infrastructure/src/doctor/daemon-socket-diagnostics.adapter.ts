import { DaemonDiagnostics } from '@localport/application';
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ControlClient } from '../control/control-client';

const modeOf = (path: string) => stat(path).then((s) => s.mode & 0o777, () => null);

/** Asks the daemon for its pid over the control socket and reads the socket's and its directory's modes. */
export class SocketDaemonDiagnostics implements DaemonDiagnostics {
  constructor(private readonly socketPath: string) {}

  async inspect() {
    const [socketMode, dirMode] = await Promise.all([modeOf(this.socketPath), modeOf(dirname(this.socketPath))]);
    const connected = await ControlClient.connect(this.socketPath, { timeoutMs: 3_000 });
    if (!connected.ok) return { running: false, pid: null, socketPath: this.socketPath, socketMode, dirMode };
    const client = connected.value;
    try {
      const ping = await client.request('ping', {}, { timeoutMs: 5_000 });
      return { running: ping.ok, pid: ping.ok ? ping.value.pid : null, socketPath: this.socketPath, socketMode, dirMode };
    } finally {
      client.close();
    }
  }
}

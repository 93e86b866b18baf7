import { LocalPortDiagnostics, PortHolder } from '@localport/application';
import { createServer } from 'node:net';
import { findPortOwner } from '../process/find-port-owner';

/** Tries to bind the port; when taken, names the process holding it (via /proc on Linux, lsof elsewhere). */
export class BindLocalPortDiagnostics implements LocalPortDiagnostics {
  async holder(port: number, bindAddress: string): Promise<PortHolder> {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      const server = createServer();
      server.once('error', (e) => resolve(e));
      server.listen({ port, host: bindAddress, exclusive: true }, () => server.close(() => resolve(null)));
    });
    if (!error) return { free: true };
    if (error.code === 'EACCES') return { free: false, pid: null, command: `not allowed to bind (${error.code})` };
    const owner = await findPortOwner(port);
    return { free: false, pid: owner?.pid ?? null, command: owner?.command ?? null };
  }
}

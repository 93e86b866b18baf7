import { BindError } from '@localport/application';
import { hostPort } from './host-port';
import { PortOwner, PortOwnerFinder } from './port-owner';

/** Translates a failed `listen()` into the port's BindError, naming the port's owner for EADDRINUSE when it can be found. */
export async function toBindError(error: NodeJS.ErrnoException, bind: { address: string; port: number }, findOwner?: PortOwnerFinder): Promise<BindError> {
  const where = hostPort(bind.address, bind.port);
  const cause = { cause: error };
  switch (error.code) {
    case 'EADDRINUSE': {
      const owner = await findOwnerSafely(findOwner, bind.port);
      const by = owner ? ` by pid ${owner.pid} (${owner.command})` : '';
      return new BindError('FORWARD.PORT_IN_USE', `${where} is already in use${by}`, owner ?? undefined, cause);
    }
    case 'EACCES':
      return new BindError('FORWARD.BIND_FAILED', `permission denied binding ${where} (ports below 1024 need privileges)`, undefined, cause);
    case 'EADDRNOTAVAIL':
      return new BindError('FORWARD.BIND_FAILED', `cannot bind ${where}: address ${bind.address} does not belong to this machine`, undefined, cause);
    default:
      return new BindError('FORWARD.BIND_FAILED', `cannot bind ${where}: ${error.message}`, undefined, cause);
  }
}

// A finder that fails must not hide the real problem (the port is taken), so its errors are swallowed.
async function findOwnerSafely(findOwner: PortOwnerFinder | undefined, port: number): Promise<PortOwner | null> {
  if (!findOwner) return null;
  try {
    return await findOwner(port);
  } catch {
    return null;
  }
}

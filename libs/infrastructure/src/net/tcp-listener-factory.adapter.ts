import { isIP } from 'node:net';
import { BindError, ForwardListener, ListenerFactory, UpstreamSource } from '@localport/application';
import { err, ok, Result } from '@localport/domain';
import { toBindError } from './bind-errors';
import { hostPort } from './host-port';
import { PortOwnerFinder } from './port-owner';
import { TcpForwardListener } from './tcp-forward-listener';

/**
 * Binds services' local ports (IPv4 or IPv6 literal, or `localhost`) and relays every client to the upstream
 * the source hands out. `findPortOwner` names the process holding a taken port in PORT_IN_USE errors.
 */
export class TcpListenerFactory implements ListenerFactory {
  constructor(private readonly findPortOwner?: PortOwnerFinder) {}

  async listen(bind: { address: string; port: number }, upstream: UpstreamSource, options: { connectTimeoutMs: number }): Promise<Result<ForwardListener, BindError>> {
    // A host name would need DNS; a bind address must be a literal.
    if (isIP(bind.address) === 0 && bind.address !== 'localhost') {
      return err(new BindError('FORWARD.BIND_FAILED', `cannot bind ${hostPort(bind.address, bind.port)}: ${JSON.stringify(bind.address)} is not an IP address`));
    }
    const listener = new TcpForwardListener(upstream, options.connectTimeoutMs);
    const failure = await listener.bind(bind.address, bind.port);
    if (failure) return err(await toBindError(failure, bind, this.findPortOwner));
    return ok(listener);
  }
}

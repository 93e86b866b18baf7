import { PortNumber } from '@localport/domain';
import { TechnologyModule } from '../technology/technology';
import { TcpConnection } from './tcp-connection';
import { TcpConnectionData, tcpConnectionSchema } from './tcp-connection.schema';
import { TcpUpstreamLauncher } from './tcp-upstream.adapter';

/** `technology: tcp`: a plain TCP forward from the local port to `connection: { host, port }`; no process, no cluster. */
export const tcpTechnology: TechnologyModule<TcpConnection, TcpConnectionData> = {
  name: 'tcp',
  connectionSchema: tcpConnectionSchema,
  remotePort: (c) => c.port,
  toConnection: (c, ctx) => ({ technology: 'tcp', host: c.host, port: (c.port ?? ctx.remotePort) as PortNumber }),
  render: (c) => ({ host: c.host, port: c.port }),
  describeTarget: (c) => `${c.host}:${c.port}`,
  doctor: (c) => [{ check: 'reachable', host: c.host, port: c.port }],
  upstream: () => new TcpUpstreamLauncher(),
};

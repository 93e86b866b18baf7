import { Connection, PortNumber } from '@localport/domain';

/** A plain TCP forward: the local port relays straight to `host:port` (a database on a VPN, a container's port). */
export interface TcpConnection extends Connection {
  readonly technology: 'tcp';
  readonly host: string;
  readonly port: PortNumber;
}

/** Whether a service's connection is a plain TCP one. */
export const isTcpConnection = (c: Connection): c is TcpConnection => c.technology === 'tcp';

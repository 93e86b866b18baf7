import { z } from 'zod';
import { hostName } from '../config/name-rules';
import { ObjectFactory, portNumber } from '../config/schema-primitives';

/** tcp `connection`: where to forward to. `port` may be left out when `remote_port` is set. */
export const tcpConnectionSchema = (obj: ObjectFactory) =>
  obj({
    host: hostName(),
    port: portNumber().optional(),
  });

export type TcpConnectionData = z.output<ReturnType<typeof tcpConnectionSchema>>;

import { z } from 'zod';
import type { TcpCheck } from '@localport/domain';
import { nonEmptyText, ObjectFactory, portNumber } from '../config/schema-primitives';
import { checkTimeout, compact, HealthCheckModule } from './health-check-module';

const tcpConfigSchema = (obj: ObjectFactory) => obj({ host: nonEmptyText().optional(), port: portNumber().optional(), timeout: checkTimeout() });

/** `type: tcp` (the default): a TCP connect through the local port, or to `config.host:port`. */
export const tcpHealthCheck: HealthCheckModule<TcpCheck, z.output<ReturnType<typeof tcpConfigSchema>>> = {
  name: 'tcp',
  configSchema: tcpConfigSchema,
  toSpec: (c, timing) => compact({ type: 'tcp', ...timing, host: c.host, port: c.port }),
  render: (h) => compact({ host: h.host, port: h.port }),
  loadProber: () => import('./tcp-health-prober.adapter.js').then((m) => new m.TcpHealthProber()),
};

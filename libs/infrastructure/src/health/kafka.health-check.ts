import { z } from 'zod';
import type { KafkaCheck } from '@localport/domain';
import { nonEmptyText, ObjectFactory, show } from '../config/schema-primitives';
import { checkTimeout, HealthCheckModule } from './health-check-module';

const kafkaConfigSchema = (obj: ObjectFactory) =>
  obj({
    bootstrap_servers: z.union([z.string(), z.array(nonEmptyText()).min(1)], { error: (iss) => `${show(iss.input)} is not a "host:port,host:port" string or a list` }).optional(),
    timeout: checkTimeout(),
  });

/** `type: kafka`: a Kafka protocol round trip with the bootstrap servers (the local port when none are named). */
export const kafkaHealthCheck: HealthCheckModule<KafkaCheck, z.output<ReturnType<typeof kafkaConfigSchema>>> = {
  name: 'kafka',
  configSchema: kafkaConfigSchema,
  toSpec: (c, timing) => {
    const servers = c.bootstrap_servers;
    const list = typeof servers === 'string' ? servers.split(',').map((s) => s.trim()).filter(Boolean) : (servers ?? []);
    return { type: 'kafka', ...timing, bootstrapServers: list };
  },
  render: (h) => (h.bootstrapServers.length ? { bootstrap_servers: [...h.bootstrapServers] } : {}),
  credentials: () => ({ fields: 'user, password', tryWith: 'your Kafka client' }),
  // Loaded on the first kafka check: a daemon whose config has none never loads the Kafka protocol code.
  loadProber: () => import('./kafka-health-prober.adapter.js').then((m) => new m.KafkaHealthProber()),
};

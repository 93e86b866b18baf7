import { httpHealthCheck } from './health/http.health-check';
import { healthCheckRegistry } from './health/health-check-registry';
import { kafkaHealthCheck } from './health/kafka.health-check';
import { postgresHealthCheck } from './health/postgres.health-check';
import { tcpHealthCheck } from './health/tcp.health-check';

/**
 * Every health-check type LocalPort knows, in the order messages list them. Adding one is writing its
 * descriptor and prober (see docs/adding-a-technology.md, "Adding a health-check type") and naming it here.
 */
export const HEALTH_CHECKS = healthCheckRegistry(tcpHealthCheck, httpHealthCheck, postgresHealthCheck, kafkaHealthCheck);

import { z } from 'zod';
import { CLUSTER_HEALTH_LIMITS, HEALTH_CHECK_LIMITS, RESTART_POLICY_LIMITS, SERVICE_LIMITS } from '@localport/domain';
import { CLUSTER_PROBE_PROVIDERS } from '../cluster/cluster-probe-providers';
import { HEALTH_CHECKS } from '../health-checks';
import { forwarderSetting } from '../kubectl/kubectl-connection.schema';
import { TECHNOLOGIES } from '../technologies';
import { loggingSchema, metricsSchema } from './observability.schema';
import { connectionByTechnology, pairConnectionWithTechnology } from './service-connection.schema';
import { flag, ipAddress, mapping, nonEmptyText, ObjectFactory, oneOf, portNumber, serviceName, show, text, within } from './schema-primitives';

/** `health_check` of a service or of `defaults`; every field optional so defaults can fill in. */
export const healthCheckSchema = (obj: ObjectFactory) =>
  obj({
    type: oneOf(HEALTH_CHECKS.names).optional(),
    interval: within(HEALTH_CHECK_LIMITS.intervalMs).optional(),
    timeout: within(HEALTH_CHECK_LIMITS.timeoutMs).optional(),
    failure_threshold: within(HEALTH_CHECK_LIMITS.failureThreshold).optional(),
    success_threshold: within(HEALTH_CHECK_LIMITS.successThreshold).optional(),
    /** Accepted for LocalPort compatibility; kubectl services are always gated on their cluster's health. */
    cluster_aware: flag().optional(),
    config: mapping().nullish(),
  });

/** `restart_policy`; durations in seconds. `max_attempts: 0` means never give up. */
export const restartPolicySchema = (obj: ObjectFactory) =>
  obj({
    enabled: flag().optional(),
    max_attempts: within(RESTART_POLICY_LIMITS.maxAttempts).optional(),
    initial_delay: within(RESTART_POLICY_LIMITS.initialDelayMs).optional(),
    backoff_multiplier: within(RESTART_POLICY_LIMITS.backoffMultiplier).optional(),
    max_delay: within(RESTART_POLICY_LIMITS.maxDelayMs).optional(),
    jitter: within(RESTART_POLICY_LIMITS.jitter).optional(),
    reset_after: within(RESTART_POLICY_LIMITS.resetAfterMs).optional(),
  });

const command = (obj: ObjectFactory) =>
  z.union([flag(), obj({ enabled: flag() })], { error: (iss) => `${show(iss.input)} is not true, false or { enabled: true|false }` });

/** `cluster_health` in `defaults` or under `cluster_contexts.<ctx>`; durations in seconds. */
export const clusterHealthSchema = (obj: ObjectFactory) =>
  obj({
    enabled: flag().optional(),
    interval: within(CLUSTER_HEALTH_LIMITS.intervalMs).optional(),
    timeout: within(CLUSTER_HEALTH_LIMITS.timeoutMs).optional(),
    retry_attempts: within(CLUSTER_HEALTH_LIMITS.retryAttempts).optional(),
    failure_threshold: within(CLUSTER_HEALTH_LIMITS.failureThreshold).optional(),
    provider: oneOf(CLUSTER_PROBE_PROVIDERS).optional(),
    commands: obj({ cluster_info: command(obj).optional(), pod_status: command(obj).optional(), node_status: command(obj).optional(), events_on_failure: command(obj).optional() }).nullish(),
  });

/**
 * One entry of `services`, composed with the registry's technologies: `connection` is checked by the fragment
 * of the technology the entry names (see {@link connectionByTechnology}). `health_check.config` is checked per
 * check type afterwards, once it is merged over the defaults.
 */
export const serviceSchema = (obj: ObjectFactory) =>
  z.preprocess((service) => pairConnectionWithTechnology(service), obj({
    name: serviceName(),
    technology: oneOf(TECHNOLOGIES.names),
    local_port: portNumber(),
    /** Required unless the technology's connection names the port (checked with the connection). */
    remote_port: portNumber().optional(),
    bind_address: ipAddress().optional(),
    connect_timeout: within(SERVICE_LIMITS.connectTimeoutMs).optional(),
    connection: connectionByTechnology(obj),
    enabled: flag().optional(),
    tags: z.array(nonEmptyText()).nullish(),
    description: text().nullish(),
    health_check: healthCheckSchema(obj).nullish(),
    restart_policy: restartPolicySchema(obj).nullish(),
  }));

/** The whole file, in LocalPort's snake_case shape. */
export const configFileSchema = (obj: ObjectFactory) =>
  obj({
    version: z.union([z.string(), z.number()], { error: 'must be text such as "1.0"' }).optional(),
    services: z.array(serviceSchema(obj)).nullish(),
    defaults: obj({
      health_check: healthCheckSchema(obj).nullish(),
      restart_policy: restartPolicySchema(obj).nullish(),
      cluster_health: clusterHealthSchema(obj).nullish(),
      logging: loggingSchema(obj).nullish(),
      /** kubectl services' forwarder unless their context or connection names one. */
      forwarder: forwarderSetting().optional(),
    }).nullish(),
    cluster_contexts: z.record(z.string(), obj({ cluster_health: clusterHealthSchema(obj).nullish(), forwarder: forwarderSetting().optional() }).nullish()).nullish(),
    metrics: metricsSchema(obj).nullish(),
  });

export type ConfigFileData = z.output<ReturnType<typeof configFileSchema>>;
export type ServiceData = z.output<ReturnType<typeof serviceSchema>>;
export type HealthCheckData = z.output<ReturnType<typeof healthCheckSchema>>;
export type RestartPolicyData = z.output<ReturnType<typeof restartPolicySchema>>;
export type ClusterHealthData = z.output<ReturnType<typeof clusterHealthSchema>>;

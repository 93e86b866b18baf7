import { z } from 'zod';
import { RESOURCE_TYPES, TECHNOLOGIES } from '@localport/domain';
import { loggingSchema, metricsSchema } from './observability.schema';
import { flag, mapping, nonEmptyText, numberIn, ObjectFactory, oneOf, portNumber, scalarText, seconds, serviceName, ipAddress, show, text } from './schema-primitives';

/** Health-check types as written in LocalPort files; `https` and `postgresql` are aliases. */
export const HEALTH_CHECK_TYPE_NAMES = ['tcp', 'http', 'https', 'postgres', 'postgresql', 'kafka'] as const;

/** `health_check` of a service or of `defaults`; every field optional so defaults can fill in. */
export const healthCheckSchema = (obj: ObjectFactory) =>
  obj({
    type: oneOf(HEALTH_CHECK_TYPE_NAMES).optional(),
    interval: seconds(1, 3600).optional(),
    timeout: seconds(0.1, 300).optional(),
    failure_threshold: numberIn(1, 100, { int: true }).optional(),
    success_threshold: numberIn(1, 100, { int: true }).optional(),
    /** Accepted for LocalPort compatibility; kubectl services are always gated on their cluster's health. */
    cluster_aware: flag().optional(),
    config: mapping().nullish(),
  });

/** `restart_policy`; durations in seconds. `max_attempts: 0` means never give up. */
export const restartPolicySchema = (obj: ObjectFactory) =>
  obj({
    enabled: flag().optional(),
    max_attempts: numberIn(0, 1000, { int: true }).optional(),
    initial_delay: seconds(0, 3600).optional(),
    backoff_multiplier: numberIn(1, 10).optional(),
    max_delay: seconds(1, 86400).optional(),
    jitter: numberIn(0, 1).optional(),
    reset_after: seconds(0, 86400).optional(),
  });

const command = (obj: ObjectFactory) =>
  z.union([flag(), obj({ enabled: flag() })], { error: (iss) => `${show(iss.input)} is not true, false or { enabled: true|false }` });

/** `cluster_health` in `defaults` or under `cluster_contexts.<ctx>`; durations in seconds. */
export const clusterHealthSchema = (obj: ObjectFactory) =>
  obj({
    enabled: flag().optional(),
    interval: seconds(60, 3600).optional(),
    timeout: seconds(5, 300).optional(),
    retry_attempts: numberIn(0, 10, { int: true }).optional(),
    failure_threshold: numberIn(1, 100, { int: true }).optional(),
    provider: oneOf(['kubectl', 'api']).optional(),
    commands: obj({ cluster_info: command(obj).optional(), pod_status: command(obj).optional(), node_status: command(obj).optional(), events_on_failure: command(obj).optional() }).nullish(),
  });

/** One entry of `services`; `connection` and `health_check.config` are checked per technology / type afterwards. */
export const serviceSchema = (obj: ObjectFactory) =>
  obj({
    name: serviceName(),
    technology: oneOf(TECHNOLOGIES),
    local_port: portNumber(),
    remote_port: portNumber(),
    bind_address: ipAddress().optional(),
    connect_timeout: seconds(0.1, 300).optional(),
    connection: mapping(),
    enabled: flag().optional(),
    tags: z.array(nonEmptyText()).nullish(),
    description: text().nullish(),
    health_check: healthCheckSchema(obj).nullish(),
    restart_policy: restartPolicySchema(obj).nullish(),
  });

/** The whole file, in LocalPort's snake_case shape. */
export const configFileSchema = (obj: ObjectFactory) =>
  obj({
    version: z.union([z.string(), z.number()], { error: 'must be text such as "1.0"' }).optional(),
    services: z.array(serviceSchema(obj)).nullish(),
    defaults: obj({ health_check: healthCheckSchema(obj).nullish(), restart_policy: restartPolicySchema(obj).nullish(), cluster_health: clusterHealthSchema(obj).nullish(), logging: loggingSchema(obj).nullish() }).nullish(),
    cluster_contexts: z.record(z.string(), obj({ cluster_health: clusterHealthSchema(obj).nullish() }).nullish()).nullish(),
    metrics: metricsSchema(obj).nullish(),
  });

const RESOURCE_ALIASES = { svc: 'service', services: 'service', po: 'pod', pods: 'pod', deploy: 'deployment', deployments: 'deployment', sts: 'statefulset', statefulsets: 'statefulset' } as const;

/** kubectl `connection`. */
export const kubectlConnectionSchema = (obj: ObjectFactory) =>
  obj({
    resource_type: oneOf(RESOURCE_TYPES, RESOURCE_ALIASES).optional(),
    resource_name: nonEmptyText(),
    namespace: nonEmptyText().optional(),
    context: nonEmptyText().nullish(),
  });

/**
 * ssh `connection`. `key_file` need not exist when the file is read (LocalPort failed the whole load).
 * `strict_host_key_checking` defaults to `yes`: known_hosts is honoured, as ssh without a tty does for LocalPort.
 */
export const sshConnectionSchema = (obj: ObjectFactory) =>
  obj({
    host: nonEmptyText(),
    port: portNumber().optional(),
    user: nonEmptyText().nullish(),
    key_file: nonEmptyText().nullish(),
    password: text().nullish(),
    remote_host: nonEmptyText().optional(),
    strict_host_key_checking: z.preprocess((v) => (v === true ? 'yes' : v === false ? 'no' : v), oneOf(['yes', 'accept-new', 'no'])).optional(),
    ssh_options: z.record(z.string(), scalarText()).nullish(),
  });

export type ConfigFileData = z.output<ReturnType<typeof configFileSchema>>;
export type ServiceData = z.output<ReturnType<typeof serviceSchema>>;
export type HealthCheckData = z.output<ReturnType<typeof healthCheckSchema>>;
export type RestartPolicyData = z.output<ReturnType<typeof restartPolicySchema>>;
export type ClusterHealthData = z.output<ReturnType<typeof clusterHealthSchema>>;
export type KubectlConnectionData = z.output<ReturnType<typeof kubectlConnectionSchema>>;
export type SshConnectionData = z.output<ReturnType<typeof sshConnectionSchema>>;

import { err, ok, Result } from '../shared/result';
import { InvalidValueError, Violation } from '../shared/localport-error';
import { Connection, RESOURCE_TYPES } from './connection';
import { HealthCheckSpec } from './health-check-spec';
import { PortNumber, toPortNumber } from './port-number';
import { RestartPolicy } from './restart-policy';

/** One forward the user wants kept alive: a local port, a remote port, and how to reach it. */
export interface Service {
  readonly name: string;
  readonly technology: Connection['technology'];
  readonly localPort: PortNumber;
  readonly remotePort: PortNumber;
  /** Address the local port is bound on; 127.0.0.1 unless configured. */
  readonly bindAddress: string;
  readonly connection: Connection;
  readonly healthCheck: HealthCheckSpec;
  readonly restartPolicy: RestartPolicy;
  readonly tags: readonly string[];
  readonly description?: string;
  readonly enabled: boolean;
  /** How long a client connection waits for the upstream while it is (re)starting. */
  readonly connectTimeoutMs: number;
}

export type ServiceInput = Omit<Service, 'technology' | 'localPort' | 'remotePort'> & { readonly localPort: number; readonly remotePort: number };

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** Builds a Service, checking every invariant; field names in violations are the config file's. */
export function createService(input: ServiceInput): Result<Service, InvalidValueError> {
  const v: Violation[] = [];
  if (!NAME.test(input.name)) v.push({ field: 'name', message: `${JSON.stringify(input.name)} is not a valid name (letters, digits, '.', '_' or '-', at most 63)` });
  for (const [value, field] of [[input.localPort, 'local_port'], [input.remotePort, 'remote_port']] as const) {
    const port = toPortNumber(value, field);
    if (!port.ok) v.push(port.error);
  }
  v.push(...connectionViolations(input.connection), ...timingViolations(input.healthCheck), ...policyViolations(input.restartPolicy));
  if (!(input.connectTimeoutMs > 0)) v.push({ field: 'connect_timeout', message: 'must be greater than 0' });
  if (v.length > 0) return err(new InvalidValueError(v));
  return ok(Object.freeze({ ...input, technology: input.connection.technology, localPort: input.localPort as PortNumber, remotePort: input.remotePort as PortNumber }));
}

function connectionViolations(c: Connection): Violation[] {
  const v: Violation[] = [];
  if (c.technology === 'kubectl') {
    if (!c.resourceName) v.push({ field: 'connection.resource_name', message: 'is required' });
    if (!c.namespace) v.push({ field: 'connection.namespace', message: 'must not be empty' });
    if (!RESOURCE_TYPES.includes(c.resourceType)) v.push({ field: 'connection.resource_type', message: `must be one of ${RESOURCE_TYPES.join(', ')}` });
  } else {
    if (!c.host) v.push({ field: 'connection.host', message: 'is required' });
    const port = toPortNumber(c.port, 'connection.port');
    if (!port.ok) v.push(port.error);
  }
  return v;
}

function timingViolations(h: HealthCheckSpec): Violation[] {
  const v: Violation[] = [];
  if (!(h.intervalMs >= 1_000 && h.intervalMs <= 3_600_000)) v.push({ field: 'health_check.interval', message: `${h.intervalMs / 1000} is out of range (1-3600 seconds)` });
  if (!(h.timeoutMs >= 100 && h.timeoutMs <= 300_000)) v.push({ field: 'health_check.timeout', message: `${h.timeoutMs / 1000} is out of range (0.1-300 seconds)` });
  if (!(Number.isInteger(h.failureThreshold) && h.failureThreshold >= 1 && h.failureThreshold <= 100)) v.push({ field: 'health_check.failure_threshold', message: `${h.failureThreshold} is out of range (1-100)` });
  if (!(Number.isInteger(h.successThreshold) && h.successThreshold >= 1 && h.successThreshold <= 100)) v.push({ field: 'health_check.success_threshold', message: `${h.successThreshold} is out of range (1-100)` });
  return v;
}

function policyViolations(p: RestartPolicy): Violation[] {
  const v: Violation[] = [];
  if (!(Number.isInteger(p.maxAttempts) && p.maxAttempts >= 0 && p.maxAttempts <= 1000)) v.push({ field: 'restart_policy.max_attempts', message: `${p.maxAttempts} is out of range (0-1000, 0 = never give up)` });
  if (!(p.initialDelayMs >= 0 && p.initialDelayMs <= 3_600_000)) v.push({ field: 'restart_policy.initial_delay', message: `${p.initialDelayMs / 1000} is out of range (0-3600 seconds)` });
  if (!(p.backoffMultiplier >= 1 && p.backoffMultiplier <= 10)) v.push({ field: 'restart_policy.backoff_multiplier', message: `${p.backoffMultiplier} is out of range (1-10)` });
  if (!(p.maxDelayMs >= 1_000 && p.maxDelayMs <= 86_400_000)) v.push({ field: 'restart_policy.max_delay', message: `${p.maxDelayMs / 1000} is out of range (1-86400 seconds)` });
  if (!(p.jitter >= 0 && p.jitter <= 1)) v.push({ field: 'restart_policy.jitter', message: `${p.jitter} is out of range (0-1)` });
  return v;
}

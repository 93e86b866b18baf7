import { Violation } from '../shared/localport-error';

/** The allowed range of one numeric setting, in domain units (durations in ms). */
export interface Limit {
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  /** `ms` for durations; shown to users in seconds by the config layer. */
  readonly unit?: 'ms';
}

/** Every numeric limit of a health check; the config schema is built from these. */
export const HEALTH_CHECK_LIMITS = {
  intervalMs: { min: 1_000, max: 3_600_000, unit: 'ms' },
  timeoutMs: { min: 100, max: 300_000, unit: 'ms' },
  failureThreshold: { min: 1, max: 100, integer: true },
  successThreshold: { min: 1, max: 100, integer: true },
} as const satisfies Record<string, Limit>;

/** Every numeric limit of a restart policy; `maxAttempts` 0 means never give up. */
export const RESTART_POLICY_LIMITS = {
  maxAttempts: { min: 0, max: 1_000, integer: true },
  initialDelayMs: { min: 0, max: 3_600_000, unit: 'ms' },
  backoffMultiplier: { min: 1, max: 10 },
  maxDelayMs: { min: 1_000, max: 86_400_000, unit: 'ms' },
  jitter: { min: 0, max: 1 },
  resetAfterMs: { min: 0, max: 86_400_000, unit: 'ms' },
} as const satisfies Record<string, Limit>;

/** Limits of a service's own settings. */
export const SERVICE_LIMITS = {
  connectTimeoutMs: { min: 100, max: 300_000, unit: 'ms' },
} as const satisfies Record<string, Limit>;

/** Limits of a context's cluster-health monitor. */
export const CLUSTER_HEALTH_LIMITS = {
  intervalMs: { min: 60_000, max: 3_600_000, unit: 'ms' },
  timeoutMs: { min: 5_000, max: 300_000, unit: 'ms' },
  retryAttempts: { min: 0, max: 10, integer: true },
  failureThreshold: { min: 1, max: 100, integer: true },
} as const satisfies Record<string, Limit>;

/** Whether `value` lies within `limit` (NaN never does). */
export const withinLimit = (value: number, limit: Limit): boolean =>
  typeof value === 'number' && value >= limit.min && value <= limit.max && (!limit.integer || Number.isInteger(value));

/** A violation naming the domain field, the value and the limit, or undefined when the value fits. */
export function checkLimit(value: number, limit: Limit, field: string): Violation | undefined {
  if (withinLimit(value, limit)) return undefined;
  const unit = limit.unit ? ` ${limit.unit}` : '';
  return { field, message: `${value} is out of range (${limit.min}-${limit.max}${unit})`, value, limit };
}

import { DEFAULT_RESTART_POLICY, RestartPolicy } from '@localport/domain';
import { RestartPolicyData } from './config-file.schema';

/** A service's restart policy: its own fields over `defaults.restart_policy` over the built-in defaults; seconds become ms. */
export function buildRestartPolicy(own: RestartPolicyData | null | undefined, defaults: RestartPolicyData | null | undefined): RestartPolicy {
  const p = { ...(defaults ?? {}), ...definedOnly(own ?? {}) };
  const ms = (s: number | undefined, fallback: number) => (s === undefined ? fallback : Math.round(s * 1000));
  return {
    enabled: p.enabled ?? DEFAULT_RESTART_POLICY.enabled,
    maxAttempts: p.max_attempts ?? DEFAULT_RESTART_POLICY.maxAttempts,
    initialDelayMs: ms(p.initial_delay, DEFAULT_RESTART_POLICY.initialDelayMs),
    backoffMultiplier: p.backoff_multiplier ?? DEFAULT_RESTART_POLICY.backoffMultiplier,
    maxDelayMs: ms(p.max_delay, DEFAULT_RESTART_POLICY.maxDelayMs),
    jitter: p.jitter ?? DEFAULT_RESTART_POLICY.jitter,
    resetAfterMs: ms(p.reset_after, DEFAULT_RESTART_POLICY.resetAfterMs),
  };
}

/** The entries of an object whose value is not undefined. */
export const definedOnly = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

import { DEFAULT_HEALTH_TIMING, HealthCheckSpec, HealthCheckTiming } from '@localport/domain';
import { HEALTH_CHECKS } from '../health-checks';
import { ResolvedHealthCheck } from '../health/health-check-registry';
import { HealthCheckData } from './config-file.schema';

export { compact } from '../health/health-check-module';

/** A health-check type as written, resolved to its registered module: `https` is http, `postgresql` is postgres. */
export type ResolvedCheckType = ResolvedHealthCheck;

/** Resolves a written type name; undefined when no registered type has that name. */
export const resolveCheckType = (name: unknown): ResolvedCheckType | undefined => HEALTH_CHECKS.resolve(name);

/** The raw `health_check` mappings that apply to one service: its own, and `defaults.health_check`. */
export interface HealthCheckLayers {
  readonly service?: Readonly<Record<string, unknown>>;
  readonly defaults?: Readonly<Record<string, unknown>>;
}

/**
 * Merges a service's health check over the defaults. The service's fields win; `config` is merged
 * key by key, but only when both name the same type (an http config means nothing to a tcp check).
 * Returns undefined when a type name is unknown (reported by the schema).
 */
export function mergeHealthLayers(layers: HealthCheckLayers):
  | { readonly resolved: ResolvedCheckType; readonly config: Record<string, unknown>; readonly configFrom: (key: string) => 'service' | 'defaults' | undefined }
  | undefined {
  const own = layers.service?.['type'];
  const inherited = layers.defaults?.['type'];
  const resolved = resolveCheckType(own ?? inherited ?? 'tcp');
  if (!resolved || (own !== undefined && inherited !== undefined && !resolveCheckType(inherited))) return undefined;
  const sameType = own === undefined || inherited === undefined || resolveCheckType(own)?.module === resolveCheckType(inherited)?.module;
  const serviceConfig = asRecord(layers.service?.['config']);
  const defaultsConfig = sameType ? asRecord(layers.defaults?.['config']) : {};
  return {
    resolved,
    config: { ...defaultsConfig, ...serviceConfig },
    configFrom: (key) => (key in serviceConfig ? 'service' : key in defaultsConfig ? 'defaults' : undefined),
  };
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Builds the domain health check: YAML seconds become milliseconds; the config's own `timeout` wins; the type maps its `config`. */
export function buildHealthCheck(
  resolved: ResolvedCheckType,
  own: HealthCheckData | null | undefined,
  defaults: HealthCheckData | null | undefined,
  config: unknown,
): HealthCheckSpec {
  const pick = <K extends 'interval' | 'timeout' | 'failure_threshold' | 'success_threshold'>(k: K) => own?.[k] ?? defaults?.[k];
  const timeout = (config as { timeout?: number }).timeout ?? pick('timeout');
  const timing: HealthCheckTiming = {
    intervalMs: seconds(pick('interval')) ?? DEFAULT_HEALTH_TIMING.intervalMs,
    timeoutMs: seconds(timeout) ?? DEFAULT_HEALTH_TIMING.timeoutMs,
    failureThreshold: pick('failure_threshold') ?? DEFAULT_HEALTH_TIMING.failureThreshold,
    successThreshold: pick('success_threshold') ?? DEFAULT_HEALTH_TIMING.successThreshold,
  };
  return resolved.module.toSpec(config, timing, resolved.written);
}

const seconds = (s: number | undefined): number | undefined => (s === undefined ? undefined : Math.round(s * 1000));

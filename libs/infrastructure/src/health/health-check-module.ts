import { z } from 'zod';
import type { CredentialHint } from '@localport/application';
import { HealthCheckSpec, HealthCheckTiming, HEALTH_CHECK_LIMITS } from '@localport/domain';
import { ObjectFactory, within } from '../config/schema-primitives';
import { TypedHealthProber } from './typed-health-prober';

/**
 * Everything about one health-check type (`health_check.type: <name>` in the config), in one place: the
 * schema of its `health_check.config`, how that maps to the domain's check (with this type's defaults)
 * and back for `config show`, and its prober, loaded on the first check of this type. The config layer
 * and the daemon's `CompositeHealthProber` find it in the registry by name and never ask which type it is.
 * `S` is its domain check, `D` its validated `config` data.
 */
export interface HealthCheckModule<S extends HealthCheckSpec = HealthCheckSpec, D = unknown> {
  /** The domain's `type` of the check, and its name in `health_check.type`. */
  readonly name: S['type'];
  /** Other names `health_check.type` accepts for it (`https`, `postgresql`). */
  readonly aliases?: readonly string[];
  /** The schema of `health_check.config`, built strictly (unknown keys warned) and loosely by the config layer. */
  configSchema(obj: ObjectFactory): z.ZodType<D>;
  /** Maps validated config to the domain's check, applying this type's defaults; `written` is the type as written (lower case). */
  toSpec(data: D, timing: HealthCheckTiming, written: string): S;
  /** The check's `config` in the file's snake_case shape, for `config show` (parses back to the same check). */
  render(spec: S): Record<string, unknown>;
  /** When a check of this type carries credentials, how `localport doctor` tells a user to try them (through the forward at `host:port`). */
  credentials?(spec: S, host: string, port: number): CredentialHint | undefined;
  /** Loads this type's prober. Called on the first check of the type, so a daemon without one never loads its code. */
  loadProber(): Promise<TypedHealthProber<S>>;
}

/** `health_check.config.timeout`: LocalPort copies `health_check.timeout` there, so files may carry it; it wins. */
export const checkTimeout = () => within(HEALTH_CHECK_LIMITS.timeoutMs).optional();

/** Drops keys whose value is undefined, so values compare equal whatever optional fields were spelt out. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

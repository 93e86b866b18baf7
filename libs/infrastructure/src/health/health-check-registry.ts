import { HealthCheckModule } from './health-check-module';

/** A registered health-check type found by a name as written, and that name (lower case). */
export interface ResolvedHealthCheck {
  readonly module: HealthCheckModule;
  readonly written: string;
}

/** The registered health-check types, looked up by the name written in `health_check.type`. */
export interface HealthCheckRegistry {
  /** Every name `health_check.type` accepts (aliases after their type), in registration order, as messages list them. */
  readonly names: readonly [string, ...string[]];
  readonly modules: readonly HealthCheckModule[];
  /** The type whose domain name is `type` (a check's `spec.type`), or undefined. */
  get(type: string): HealthCheckModule | undefined;
  /** The type a written name (any case, or an alias) stands for; undefined when none is registered under it. */
  resolve(written: unknown): ResolvedHealthCheck | undefined;
}

/** Builds a registry; a name or alias registered twice is a bug in the registration list. */
export function healthCheckRegistry(...modules: readonly HealthCheckModule[]): HealthCheckRegistry {
  const byName = new Map<string, HealthCheckModule>();
  const byWritten = new Map<string, HealthCheckModule>();
  for (const m of modules) {
    if (byName.has(m.name)) throw new Error(`health-check type ${m.name} is registered twice`);
    byName.set(m.name, m);
    for (const name of [m.name, ...(m.aliases ?? [])]) {
      if (byWritten.has(name)) throw new Error(`health-check type name ${name} is registered twice`);
      byWritten.set(name, m);
    }
  }
  const names = [...byWritten.keys()];
  if (names.length === 0) throw new Error('no health-check type is registered');
  return {
    names: names as [string, ...string[]],
    modules: [...byName.values()],
    get: (type) => byName.get(type),
    resolve: (written) => {
      const lower = typeof written === 'string' ? written.toLowerCase() : undefined;
      const module = lower === undefined ? undefined : byWritten.get(lower);
      return module && lower !== undefined ? { module, written: lower } : undefined;
    },
  };
}

import { Service } from '../service/service';

/** What to do to one service when the configuration changes. */
export type ReloadAction =
  | { readonly kind: 'start'; readonly service: Service }
  | { readonly kind: 'stop'; readonly name: string; readonly reason: 'removed' | 'disabled' }
  | { readonly kind: 'restart'; readonly service: Service; readonly changed: readonly string[] }
  | { readonly kind: 'rearm'; readonly service: Service; readonly changed: readonly string[] }
  | { readonly kind: 'keep'; readonly service: Service };

/** Fields whose change means the tunnel (and its local port) must be rebuilt; `kubeContext` too, as it picks the cluster. */
const RESTART_FIELDS = ['technology', 'localPort', 'remotePort', 'bindAddress', 'connection', 'kubeContext', 'connectTimeoutMs'] as const;
/** Fields that only change how a running tunnel is watched. */
const REARM_FIELDS = ['healthCheck', 'restartPolicy', 'tags', 'description'] as const;

/**
 * Plans a reload: added -> start, removed -> stop, changed ports or connection -> restart that
 * service only, changed health check or restart policy -> re-arm, untouched -> keep. Pure.
 */
export function planReload(previous: readonly Service[], next: readonly Service[]): ReloadAction[] {
  const before = new Map(previous.map((s) => [s.name, s]));
  const actions: ReloadAction[] = [];
  for (const name of before.keys()) {
    if (!next.some((s) => s.name === name)) actions.push({ kind: 'stop', name, reason: 'removed' });
  }
  for (const service of next) {
    const old = before.get(service.name);
    if (!service.enabled) {
      if (old?.enabled) actions.push({ kind: 'stop', name: service.name, reason: 'disabled' });
      else actions.push({ kind: 'keep', service });
      continue;
    }
    if (!old || !old.enabled) {
      actions.push({ kind: 'start', service });
      continue;
    }
    const restart = RESTART_FIELDS.filter((f) => !deepEqual(old[f], service[f]));
    const rearm = REARM_FIELDS.filter((f) => !deepEqual(old[f], service[f]));
    if (restart.length > 0) actions.push({ kind: 'restart', service, changed: [...restart, ...rearm] });
    else if (rearm.length > 0) actions.push({ kind: 'rearm', service, changed: rearm });
    else actions.push({ kind: 'keep', service });
  }
  return actions;
}

/** Structural equality for plain data (config values). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

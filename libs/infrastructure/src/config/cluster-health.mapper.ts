import { ClusterHealthSettings, DEFAULT_CLUSTER_HEALTH } from '@localport/domain';
import { ClusterHealthData } from './config-file.schema';

type Command = boolean | { enabled: boolean } | undefined;
const commandOn = (c: Command, fallback: boolean) => (c === undefined ? fallback : typeof c === 'boolean' ? c : c.enabled);

/** Applies one `cluster_health` mapping over settings (defaults over built-ins, a context over defaults); `commands` key by key. */
export function applyClusterHealth(base: ClusterHealthSettings, layer: ClusterHealthData | null | undefined): ClusterHealthSettings {
  if (!layer) return base;
  const ms = (s: number | undefined, fallback: number) => (s === undefined ? fallback : Math.round(s * 1000));
  const c = layer.commands ?? {};
  return {
    enabled: layer.enabled ?? base.enabled,
    intervalMs: ms(layer.interval, base.intervalMs),
    timeoutMs: ms(layer.timeout, base.timeoutMs),
    retryAttempts: layer.retry_attempts ?? base.retryAttempts,
    failureThreshold: layer.failure_threshold ?? base.failureThreshold,
    provider: layer.provider ?? base.provider,
    commands: {
      clusterInfo: commandOn(c.cluster_info, base.commands.clusterInfo),
      podStatus: commandOn(c.pod_status, base.commands.podStatus),
      nodeStatus: commandOn(c.node_status, base.commands.nodeStatus),
      eventsOnFailure: commandOn(c.events_on_failure, base.commands.eventsOnFailure),
    },
  };
}

/** Cluster-health settings: the defaults, and each context's merged over them. */
export function buildClusterHealth(
  defaults: ClusterHealthData | null | undefined,
  contexts: Readonly<Record<string, { cluster_health?: ClusterHealthData | null } | null | undefined>> | null | undefined,
): { defaults: ClusterHealthSettings; contexts: Record<string, ClusterHealthSettings> } {
  const base = applyClusterHealth(DEFAULT_CLUSTER_HEALTH, defaults);
  const merged = Object.entries(contexts ?? {}).map(([name, ctx]) => [name, applyClusterHealth(base, ctx?.cluster_health)] as const);
  return { defaults: base, contexts: Object.fromEntries(merged) };
}

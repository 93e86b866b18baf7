// The example of docs/architecture.md ("Using the libraries from other tools"): a small internal tool
// built only on the libraries' public API. config-report.spec.ts runs it, so the docs stay true.
import { formatConfigProblem } from '@localport/application';
import {
  ClusterEvent, clusterHealthFor, ClusterHealth, ClusterInfo, deriveClusterHealth, LocalportConfig, ResourceStatus, unknownClusterHealth,
} from '@localport/domain';
import { loadConfigFile } from '@localport/infrastructure';

/** Loads and validates a LocalPort config: one line per service, or every problem as `file:line: service: field message`. */
export async function configReport(path: string, env: NodeJS.ProcessEnv = process.env): Promise<{ config: LocalportConfig | null; lines: string[] }> {
  const loaded = await loadConfigFile(path, env);
  if (!loaded.ok) return { config: null, lines: loaded.error.problems.map(formatConfigProblem) };
  const { config } = loaded.value;
  return { config, lines: config.services.map((s) => `${s.name}: ${s.bindAddress}:${s.localPort} -> ${s.target} (${s.technology})`) };
}

/** How the daemon would judge a cluster that answered with these nodes, pods and events (pure domain rules). */
export function judgeCluster(config: LocalportConfig, context: string, now: number): ClusterHealth {
  const info: ClusterInfo = { context, apiServerUrl: 'https://127.0.0.1:6443', serverVersion: '1.32.4', reachable: true, latencyMs: 12, checkedAt: now, error: null };
  const nodes: ResourceStatus[] = [
    { kind: 'Node', name: 'node-a', namespace: '', phase: 'Running', ready: true, restartCount: 0 },
    { kind: 'Node', name: 'node-b', namespace: '', phase: 'Unknown', ready: false, restartCount: 0 },
  ];
  const pods: ResourceStatus[] = [{ kind: 'Pod', name: 'api-0', namespace: 'shop', phase: 'Running', ready: false, restartCount: 9, nodeName: 'node-a' }];
  const events: ClusterEvent[] = [
    { context, namespace: 'shop', type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container', object: { kind: 'Pod', name: 'api-0' }, count: 9, lastSeen: now - 60_000 },
  ];
  const { failureThreshold } = clusterHealthFor(config, context);
  return deriveClusterHealth(unknownClusterHealth(context), { reachable: true, observation: { info, nodes, pods, events } }, failureThreshold);
}

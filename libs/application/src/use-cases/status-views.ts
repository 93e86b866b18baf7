import { ClusterHealth } from '@localport/domain';
import { ClusterHealthManager } from '../cluster/cluster-health-manager';
import { ClusterStatusView, ServiceStatusView } from '../status/status-report';
import type { ServiceReading } from './status-sources';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** One service as `status` shows it. */
export function serviceView({ service, snapshot: snap, stats }: ServiceReading): ServiceStatusView {
  return {
    name: service.name,
    technology: service.technology,
    localPort: service.localPort,
    bindAddress: service.bindAddress,
    target: service.target,
    state: snap.state,
    healthy: snap.healthy,
    restarts: snap.restarts,
    lastError: snap.lastError,
    lastErrorCode: snap.lastErrorCode,
    context: service.kubeContext,
    host: service.gateHost ?? null,
    since: new Date(snap.since).toISOString(),
    tags: service.tags,
    pid: snap.pid,
    forwarder: snap.route?.forwarder ?? null,
    pod: snap.route?.pod ?? null,
    connections: { total: stats?.connectionsTotal ?? 0, active: stats?.connectionsActive ?? 0, bytesIn: stats?.bytesIn ?? 0, bytesOut: stats?.bytesOut ?? 0 },
    nextRestartAt: iso(snap.nextRestartAt),
  };
}

/** One monitored context as `status` and `cluster status` show it. */
export function clusterView(manager: ClusterHealthManager, h: ClusterHealth): ClusterStatusView {
  const m = manager.monitor(h.context);
  return {
    context: h.context,
    status: h.status,
    lastCheck: iso(h.lastCheck),
    lastError: h.lastError ?? h.info?.error ?? null,
    consecutiveFailures: h.consecutiveFailures,
    apiServer: h.info?.apiServerUrl ?? null,
    version: h.info?.serverVersion ?? null,
    latencyMs: h.info?.latencyMs ?? null,
    nodes: h.resources.nodes,
    pods: { total: h.resources.pods.total, healthy: h.resources.pods.healthy, restarting: h.resources.pods.restarting, byPhase: { ...h.resources.pods.byPhase } },
    warningEvents: h.warningEvents,
    provider: m?.provider ?? 'none',
    intervalSeconds: (m?.intervalMs ?? 0) / 1000,
    services: manager.servicesOf(h.context),
  };
}

import { CLUSTER_STATUSES, SERVICE_STATES } from '@localport/domain';
import { StatusReport } from '../status/status-report';
import { CheckTiming } from './timed-health-prober';

type Labels = Readonly<Record<string, string>>;
interface Family { readonly name: string; readonly type: 'gauge' | 'counter'; readonly help: string; readonly samples: readonly (readonly [Labels, number])[] }

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labelText = (l: Labels) => {
  const pairs = Object.entries(l).map(([k, v]) => `${k}="${escape(v)}"`);
  return pairs.length ? `{${pairs.join(',')}}` : '';
};

/**
 * The daemon's state in the Prometheus text exposition format (0.0.4): per service its state, health,
 * connections, bytes, restarts and last health-check duration; per context its status and API latency.
 */
export function renderPrometheus(report: StatusReport, lastCheck: (localPort: number) => CheckTiming | undefined): string {
  const svc = report.services;
  const families: Family[] = [
    { name: 'localport_up', type: 'gauge', help: 'Always 1 while the daemon serves metrics.', samples: [[{ version: report.daemon.version ?? '' }, 1]] },
    { name: 'localport_daemon_uptime_seconds', type: 'gauge', help: 'Seconds since the daemon started.', samples: [[{}, report.daemon.uptimeSeconds ?? 0]] },
    { name: 'localport_service_state', type: 'gauge', help: '1 for the state the service is in, 0 for the others.', samples: svc.flatMap((s) => SERVICE_STATES.map((state) => [{ service: s.name, state }, s.state === state ? 1 : 0] as const)) },
    { name: 'localport_service_healthy', type: 'gauge', help: '1 when the last health check passed.', samples: svc.map((s) => [{ service: s.name }, s.healthy ? 1 : 0] as const) },
    { name: 'localport_service_connections_total', type: 'counter', help: 'Client connections accepted on the local port.', samples: svc.map((s) => [{ service: s.name }, s.connections.total] as const) },
    { name: 'localport_service_connections_active', type: 'gauge', help: 'Client connections open now.', samples: svc.map((s) => [{ service: s.name }, s.connections.active] as const) },
    { name: 'localport_service_received_bytes_total', type: 'counter', help: 'Bytes received from clients (sent upstream).', samples: svc.map((s) => [{ service: s.name }, s.connections.bytesIn] as const) },
    { name: 'localport_service_sent_bytes_total', type: 'counter', help: 'Bytes sent to clients (received from upstream).', samples: svc.map((s) => [{ service: s.name }, s.connections.bytesOut] as const) },
    { name: 'localport_service_restarts_total', type: 'counter', help: 'Times the tunnel was restarted.', samples: svc.map((s) => [{ service: s.name }, s.restarts] as const) },
    {
      name: 'localport_service_health_check_duration_seconds', type: 'gauge', help: 'How long the last health check took.',
      samples: svc.flatMap((s) => {
        const t = lastCheck(s.localPort);
        return t ? [[{ service: s.name, result: t.ok ? 'pass' : 'fail' }, t.seconds] as const] : [];
      }),
    },
    { name: 'localport_cluster_status', type: 'gauge', help: '1 for the status the kubectl context is in, 0 for the others.', samples: report.clusters.flatMap((c) => CLUSTER_STATUSES.map((status) => [{ context: c.context, status }, c.status === status ? 1 : 0] as const)) },
    { name: 'localport_cluster_api_latency_seconds', type: 'gauge', help: 'API server round trip of the last cluster check.', samples: report.clusters.flatMap((c) => (c.latencyMs === null ? [] : [[{ context: c.context }, c.latencyMs / 1000] as const])) },
  ];
  return families
    .map((f) => [`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`, ...f.samples.map(([l, v]) => `${f.name}${labelText(l)} ${v}`)].join('\n'))
    .join('\n')
    .concat('\n');
}

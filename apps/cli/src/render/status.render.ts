import type { ClusterStatusView, ServiceStatusView, StatusReport } from '@localport/application';
import { ago, shortDuration, Style } from './style';
import { renderTable } from './table';

const stateColor = (s: Style, state: ServiceStatusView['state']) =>
  state === 'running' ? s.green(state) : state === 'failed' || state === 'unhealthy' ? s.red(state) : state === 'stopped' || state === 'disabled' ? s.dim(state) : s.yellow(state);

const clusterColor = (s: Style, status: ClusterStatusView['status']) =>
  status === 'healthy' ? s.green(status) : status === 'warning' ? s.yellow(status) : status === 'unhealthy' ? s.red(status) : s.dim(status);

/** The `status` table: one row per service, then the clusters. `daemonLine` replaces the daemon line (a dead daemon). */
export function renderStatus(report: StatusReport, s: Style, now = Date.now(), daemonLine?: string): string {
  const d = report.daemon;
  const lines: string[] = [];
  if (daemonLine !== undefined) lines.push(daemonLine);
  else lines.push(d.running ? `${s.bold('daemon')} running (pid ${d.pid}, up ${shortDuration((d.uptimeSeconds ?? 0) * 1000)}) ${s.dim(d.configPath ?? '')}` : `${s.bold('daemon')} ${s.yellow('not running')} ${s.dim("(start it with 'localport start --all' or 'localport daemon start')")}`);
  if (d.configError) lines.push(s.red(`config reload refused, the previous config keeps running:\n  ${d.configError.split('\n').join('\n  ')}`));
  lines.push('');
  if (report.services.length === 0) lines.push('no services configured');
  else
    lines.push(
      renderTable(
        ['SERVICE', 'TECH', 'LOCAL → TARGET', 'STATE', 'HEALTH', 'RESTARTS', 'SINCE', 'LAST ERROR'],
        report.services.map((v) => [
          v.name,
          v.forwarder ? `${v.technology} (${v.forwarder})` : v.technology,
          `${v.localPort} → ${v.target}${v.pod ? ` ${s.dim(`pod ${v.pod}`)}` : ''}`,
          v.state === 'waiting-for-host' && v.host ? `${stateColor(s, v.state)} ${s.dim(v.host)}` : stateColor(s, v.state),
          v.state === 'running' || v.state === 'unhealthy' ? (v.healthy ? s.green('healthy') : s.red('unhealthy')) : s.dim('-'),
          String(v.restarts),
          d.running ? ago(v.since, now) : '-',
          truncate(v.lastError ?? '', 60),
        ]),
      ),
    );
  if (report.clusters.length > 0) {
    lines.push('', renderClusters(report.clusters, s, now, false));
  }
  return lines.join('\n');
}

/** The cluster table of `status` (short) and `cluster status` (with API server and version). */
export function renderClusters(clusters: readonly ClusterStatusView[], s: Style, now = Date.now(), detailed = true): string {
  const head = detailed ? ['CONTEXT', 'STATUS', 'API SERVER', 'VERSION', 'NODES', 'PODS', 'LAST CHECK', 'LAST ERROR'] : ['CONTEXT', 'CLUSTER', 'NODES', 'PODS', 'LAST CHECK', 'LAST ERROR'];
  return renderTable(
    head,
    clusters.map((c) => {
      const pods = `${c.pods.healthy}/${c.pods.total}${c.pods.restarting ? ` (${c.pods.restarting} restarting)` : ''}`;
      const row = [c.context, clusterColor(s, c.status)];
      if (detailed) row.push(c.apiServer ?? '-', c.version ?? '-');
      row.push(`${c.nodes.ready}/${c.nodes.total}`, pods, ago(c.lastCheck, now), truncate(c.lastError ?? '', 50));
      return row;
    }),
  );
}

const truncate = (t: string, n: number) => (t.length > n ? `${t.slice(0, n - 1)}…` : t);

import type { ServiceStatusView, StatusReport } from '@localport/application';
import { renderStatus } from './status.render';
import { makeStyle } from './style';

const view = (over: Partial<ServiceStatusView>): ServiceStatusView => ({
  name: 'web', technology: 'kubectl', localPort: 8080, bindAddress: '127.0.0.1', target: 'deployment/web:80', state: 'running', healthy: true, restarts: 0, lastError: null, lastErrorCode: null,
  context: 'dev', host: null, since: '2026-01-01T00:00:00.000Z', tags: [], pid: null, connections: { total: 0, active: 0, bytesIn: 0, bytesOut: 0 }, nextRestartAt: null, ...over,
});
const report = (services: ServiceStatusView[]): StatusReport => ({ daemon: { running: true, pid: 1, uptimeSeconds: 5, version: 'x', configPath: '/c.yaml', configError: null }, services, clusters: [] }) as unknown as StatusReport;

describe(renderStatus.name, () => {
  it('shows the forwarder next to the technology and the pod a native service uses now', () => {
    const out = renderStatus(report([view({ forwarder: 'native', pod: 'default/web-7f9c-abcde' }), view({ name: 'old', forwarder: 'kubectl', pod: null }), view({ name: 'ssh', technology: 'ssh', target: 'db:5432' })]), makeStyle(false), Date.parse('2026-01-01T00:01:00.000Z'));
    const rows = out.split('\n');
    expect(rows.find((r) => r.startsWith('web '))).toMatch(/kubectl \(native\)\s+8080 → deployment\/web:80 pod default\/web-7f9c-abcde\s/);
    expect(rows.find((r) => r.startsWith('old '))).toMatch(/kubectl \(kubectl\)\s+8080 → deployment\/web:80\s/);
    expect(rows.find((r) => r.startsWith('ssh '))).toMatch(/ssh\s+8080 → db:5432\s/);
  });
});

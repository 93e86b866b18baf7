import { FakeClock, FakeHealthProber } from '../testing';
import { StatusReport } from '../status/status-report';
import { aTcpCheck } from '../testing';
import { renderPrometheus } from './prometheus-exposition';
import { TimedHealthProber } from './timed-health-prober';

const report: StatusReport = {
  daemon: { running: true, pid: 1, uptimeSeconds: 12.5, version: '0.1.0' },
  services: [{
    name: 'we"b', technology: 'kubectl', localPort: 8080, bindAddress: '127.0.0.1', target: 'service/web:80', state: 'running', healthy: true, restarts: 2, lastError: null, lastErrorCode: null,
    context: 'dev', host: null, since: '2026-12-03T10:00:00.000Z', tags: [], pid: 9, connections: { total: 5, active: 1, bytesIn: 100, bytesOut: 2048 }, nextRestartAt: null,
  }],
  clusters: [{
    context: 'dev', status: 'healthy', lastCheck: null, lastError: null, consecutiveFailures: 0, apiServer: null, version: null, latencyMs: 25, nodes: { ready: 1, total: 1 },
    pods: { total: 0, healthy: 0, restarting: 0, byPhase: {} }, warningEvents: 0, provider: 'kubectl', intervalSeconds: 60, services: ['we"b'],
  }],
};

describe(renderPrometheus.name, () => {
  it('writes every family with HELP and TYPE, escaped labels, and one state line per state', () => {
    const text = renderPrometheus(report, (port) => (port === 8080 ? { seconds: 0.004, ok: true } : undefined));
    const samples = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(samples).toEqual(expect.arrayContaining([
      'localport_service_state{service="we\\"b",state="running"} 1',
      'localport_service_state{service="we\\"b",state="failed"} 0',
      'localport_service_connections_total{service="we\\"b"} 5',
      'localport_service_connections_active{service="we\\"b"} 1',
      'localport_service_received_bytes_total{service="we\\"b"} 100',
      'localport_service_sent_bytes_total{service="we\\"b"} 2048',
      'localport_service_restarts_total{service="we\\"b"} 2',
      'localport_service_health_check_duration_seconds{service="we\\"b",result="pass"} 0.004',
      'localport_cluster_status{context="dev",status="healthy"} 1',
      'localport_cluster_status{context="dev",status="unhealthy"} 0',
      'localport_cluster_api_latency_seconds{context="dev"} 0.025',
    ]));
    expect(samples.filter((l) => l.startsWith('localport_service_state{'))).toHaveLength(9);
    for (const name of new Set(samples.map((l) => l.split(/[{ ]/)[0]))) expect(text).toContain(`# TYPE ${name} `);
    expect(text.endsWith('\n')).toBe(true);
  });
});

describe(TimedHealthProber.name, () => {
  it('times each check on the monotonic clock and keeps the last one per port', async () => {
    const clock = new FakeClock();
    const inner = new FakeHealthProber();
    inner.setHealthy(8080, false);
    const timed = new TimedHealthProber({ check: async (s, t) => (await clock.advance(30), inner.check(s, t)) }, clock);
    await timed.check(aTcpCheck(), { host: '127.0.0.1', port: 8080 }, new AbortController().signal);
    expect(timed.lastCheck(8080)).toEqual({ seconds: 0.03, ok: false });
    expect(timed.lastCheck(9090)).toBeUndefined();
  });
});

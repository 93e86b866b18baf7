import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configReport, judgeCluster } from './config-report';

describe('the library example of docs/architecture.md', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lp-example-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('loads and validates a config through the public API', async () => {
    const path = file('ok.yaml', [
      'version: "1.0"',
      'services:',
      '  - {name: db, technology: kubectl, local_port: 15432, remote_port: 5432, connection: {resource_type: service, resource_name: postgres, context: dev}}',
      '  - {name: cache, technology: ssh, local_port: 16379, remote_port: 6379, connection: {host: bastion.example, remote_host: redis.internal}}',
    ].join('\n'));
    expect(await configReport(path, {})).toEqual({
      config: expect.objectContaining({ version: '1.0' }),
      lines: ['db: 127.0.0.1:15432 -> service/postgres:5432 (kubectl)', 'cache: 127.0.0.1:16379 -> redis.internal:6379 via bastion.example (ssh)'],
    });
  });

  it('reports every problem with its file, line, service and field', async () => {
    const path = file('bad.yaml', ['version: "1.0"', 'services:', '  - {name: db, technology: kubectl, local_port: 70000, remote_port: 5432, connection: {resource_name: postgres}}'].join('\n'));
    const report = await configReport(path, {});
    expect(report.config).toBeNull();
    expect(report.lines).toEqual([expect.stringMatching(new RegExp(`^${path}:3: services\\[0\\] "db": local_port .*70000`))]);
  });

  it('judges a cluster with a NotReady node and a crash-looping pod from the domain rules alone', async () => {
    const { config } = await configReport(file('cluster.yaml', ['version: "1.0"', 'services: []', 'cluster_health: {contexts: {prod: {failure_threshold: 2}}}'].join('\n')), {});
    const now = Date.UTC(2026, 0, 1);
    expect(judgeCluster(config!, 'prod', now)).toMatchObject({
      context: 'prod', status: 'unhealthy', consecutiveFailures: 0, lastCheck: now, info: { serverVersion: '1.32.4' }, warningEvents: 1,
      resources: { nodes: { ready: 1, total: 2 } },
    });
  });
});

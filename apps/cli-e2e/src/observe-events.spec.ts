import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { defaultDemoState, FakeKubeApiServer, startFakeKubeApiServer } from '@localport/testing/kube';
import { freePort, waitUntil } from '@localport/testing/loopback';
import { EchoServer, roundTrip, startEchoServer } from '@localport/testing/net';
import { CLI_MAIN, describeWithBuild } from './support/built-artifacts';
import { configYaml, kubectlService } from './support/e2e-config';
import { E2eSandbox } from './support/e2e-sandbox';

interface EventJson { seq: number; at: string; kind: string; subject: string; message: string; data: Record<string, unknown> }
const ndjson = (out: string): EventJson[] => out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as EventJson);

/** A real HTTP GET: status, content type and body. */
const get = (port: number, path: string) =>
  new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject).end();
  });

describeWithBuild('localport events, metrics and logs --since (built CLI + daemon, real kubectl)', () => {
  let sandbox: E2eSandbox;
  let api: FakeKubeApiServer;
  let pod: EchoServer;
  let webPort: number;
  let metricsPort: number;

  beforeAll(async () => {
    sandbox = E2eSandbox.create('evt');
    pod = await startEchoServer();
    const state = defaultDemoState();
    state.portTargets = { 'default/web-0': { 80: { host: '127.0.0.1', port: pod.port } } };
    api = await startFakeKubeApiServer({ state });
    api.writeKubeconfig(sandbox.kubeconfig, { contextName: 'e2e' });
    [webPort, metricsPort] = [await freePort(), await freePort()];
    sandbox.writeConfig(`${configYaml([kubectlService('web', webPort, { type: 'service', name: 'web', port: 8080, context: 'e2e' })])}metrics:\n  listen: 127.0.0.1:${metricsPort}\n`);
    await sandbox.expectCli(['start', '--all', '--wait', '--timeout', '50'], 0, 90_000);
  }, 120_000);

  afterAll(async () => {
    await sandbox?.cleanup();
    await Promise.all([api?.close(), pod?.stop()]);
  }, 60_000);

  it('without -f prints the recent events as NDJSON and exits 0', async () => {
    const events = ndjson((await sandbox.expectCli(['events', '-o', 'json'], 0)).stdout);
    expect(events.map((e) => `${e.kind} ${e.subject} ${e.message}`)).toEqual(expect.arrayContaining([
      'service.state web starting -> running', expect.stringMatching(/^daemon\.reload daemon configuration applied/),
    ]));
    expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => a - b));
    const human = (await sandbox.expectCli(['events', '-n', '1'], 0)).stdout.trim().split('\n');
    expect(human).toHaveLength(1);
    expect(human[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+Z {2}\S+ +\S+ {2}/);
  }, 60_000);

  it('-f streams a restart with its reason and a reload as they happen; Ctrl-C exits 130', async () => {
    const child = spawn(process.execPath, [CLI_MAIN, 'events', '-f', '-o', 'json'], { env: sandbox.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    try {
      await waitUntil(() => ndjson(out).length > 0, 15_000, 'the recent events');
      const before = ndjson(out).at(-1)!.seq;
      const web = (await sandbox.status()).services[0];
      process.kill(web.pid!, 'SIGKILL');
      await waitUntil(() => ndjson(out).some((e) => e.kind === 'service.restart' && e.seq > before), 20_000, 'a restart event');
      await sandbox.expectCli(['daemon', 'reload'], 0);
      await waitUntil(() => ndjson(out).some((e) => e.kind === 'daemon.reload' && e.seq > before), 20_000, 'a reload event');
      const restart = ndjson(out).find((e) => e.kind === 'service.restart' && e.seq > before)!;
      expect(restart).toMatchObject({ subject: 'web', data: { from: 'running', reason: expect.stringMatching(/\S/) } });
      // No event twice, none missing: the recent list and the stream join on seq.
      const seqs = ndjson(out).map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0] + i));
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(130);
  }, 90_000);

  it('serves Prometheus metrics over HTTP: state, connections, bytes, restarts, health-check time, cluster status', async () => {
    await roundTrip({ host: '127.0.0.1', port: webPort }, Buffer.alloc(1000, 1), 15_000);
    await sandbox.waitForStatus((s) => s.services[0].state === 'running' && s.services[0].healthy, 'web healthy');
    const r = await get(metricsPort, '/metrics');
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(r.body).toMatch(/^localport_service_state\{service="web",state="running"\} 1$/m);
    expect(r.body).toMatch(/^localport_service_connections_total\{service="web"\} [1-9]\d*$/m);
    expect(r.body).toMatch(/^localport_service_received_bytes_total\{service="web"\} (\d{4,})$/m);
    expect(r.body).toMatch(/^localport_service_restarts_total\{service="web"\} \d+$/m);
    expect(r.body).toMatch(/^localport_service_health_check_duration_seconds\{service="web",result="pass"\} [\d.e-]+$/m);
    expect(r.body).toMatch(/^localport_cluster_status\{context="e2e",status="healthy"\} 1$/m);
    expect((await get(metricsPort, '/')).status).toBe(404);
  }, 60_000);

  it('logs --since filters the daemon log by time; a bad value exits 2', async () => {
    const recent = await sandbox.expectCli(['logs', '--since', '10m', '-o', 'json'], 0);
    const lines = recent.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { timestamp: string; message: string });
    expect(lines.map((l) => l.message)).toEqual(expect.arrayContaining(['daemon started', 'serving metrics']));
    expect(lines.every((l) => Date.parse(l.timestamp) >= Date.now() - 11 * 60_000)).toBe(true);
    expect((await sandbox.expectCli(['logs', '--since', new Date(Date.now() + 3_600_000).toISOString()], 0)).stdout).toBe('');
    const bad = await sandbox.expectCli(['logs', '--since', 'yesterday'], 2);
    expect(bad.stderr).toMatch(/--since yesterday: expected an age such as 30s, 10m, 1h, 2d, or an ISO time/);
    expect((await sandbox.expectCli(['logs', 'web', '--since', '1h'], 0)).stdout).toMatch(/^\d{4}-\d\d-\d\dT\S+Z /m);
  }, 60_000);
});

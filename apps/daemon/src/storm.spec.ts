/**
 * A connection storm, in process: 2,000 clients at once through one ssh service (real sshd) and one kubectl
 * service (real kubectl against the project's API server). Every client must be served, and the ssh tunnel
 * must not be restarted: a full accept backlog is back-pressure, not a dead upstream.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClusterHealthManager, Logger, Supervisor } from '@localport/application';
import { killAllChildren, parseConfigText } from '@localport/infrastructure';
import { FakeKubeApiServer, kubectlEnv, startFakeKubeApiServer, defaultDemoState } from '@localport/testing/kube';
import { SshdHarness, startSshd } from '@localport/testing/sshd';
import { EchoServer, startEchoServer } from '@localport/testing/net';
import { freePort, waitUntil } from '@localport/testing/loopback';
import { startRealEngine } from './real-engine';
import { connectionStorm, StormResult } from './storm-clients';

const CLIENTS = 2_000;
const warnings: string[] = [];
const quiet: Logger = {
  debug: () => undefined, info: () => undefined, warn: (m) => void warnings.push(m), error: (m) => void warnings.push(m), child: () => quiet,
};

jest.setTimeout(180_000);

describe('a storm of 2,000 concurrent connections', () => {
  let dir: string;
  let kube: FakeKubeApiServer;
  let sshd: SshdHarness;
  let echo: EchoServer;
  let supervisor: Supervisor;
  let clusters: ClusterHealthManager;
  let ports: { web: number; jump: number };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lp-storm-'));
    [sshd, echo] = await Promise.all([startSshd(), startEchoServer()]);
    const state = defaultDemoState();
    state.portTargets = { 'default/web-0': { 80: { host: '127.0.0.1', port: echo.port } } };
    kube = await startFakeKubeApiServer({ state });
    kube.writeKubeconfig(join(dir, 'kubeconfig'), { contextName: 'fake' });
    ports = { web: await freePort(), jump: await freePort() };
    const env = kubectlEnv(dir);
    const yaml = `
version: "1.0"
defaults:
  cluster_health: { interval: 60, timeout: 10, failure_threshold: 1 }
services:
  - name: web
    technology: kubectl
    local_port: ${ports.web}
    remote_port: 80
    connect_timeout: 60
    connection: { resource_type: pod, resource_name: web-0, context: fake, forwarder: kubectl }
  - name: jump
    technology: ssh
    local_port: ${ports.jump}
    remote_port: ${echo.port}
    connect_timeout: 60
    connection:
      host: 127.0.0.1
      port: ${sshd.port}
      user: ${sshd.user}
      key_file: ${sshd.clientKeyFile}
      remote_host: 127.0.0.1
      ssh_options: ${JSON.stringify(sshd.clientOptions)}
`;
    const parsed = parseConfigText(yaml, join(dir, 'localport.yaml'), env);
    if (!parsed.ok) throw new Error(parsed.error.message);
    ({ clusters, supervisor } = await startRealEngine(parsed.value.config, env, dir, quiet));
  });

  afterAll(async () => {
    await supervisor?.shutdown();
    clusters?.stop();
    killAllChildren('SIGKILL');
    await Promise.all([kube?.close(), sshd?.stop(), echo?.stop()]);
    // LOCALPORT_KEEP_STORM_DIR=1 keeps the tunnels' logs (ssh's stderr: channel open failures) for diagnosis.
    if (process.env.LOCALPORT_KEEP_STORM_DIR === '1') process.stdout.write(`storm: logs kept in ${dir}/logs\n`);
    else rmSync(dir, { recursive: true, force: true });
  });

  const snapshot = (name: string) => supervisor.get(name)!.snapshot();
  const report = (tech: string, r: StormResult) => {
    // The figures docs/benchmarks.md quotes; printed so a run shows them, with the failures counted by kind.
    const kinds = new Map<string, number>();
    for (const f of r.failures) kinds.set(f, (kinds.get(f) ?? 0) + 1);
    const failed = [...kinds].map(([f, n]) => `${n} × ${f}`).join(', ');
    process.stdout.write(`storm ${tech}: ${r.served}/${r.total} served, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, ${r.wallMs} ms in all${failed ? `; failures: ${failed}` : ''}\n`);
  };

  it.each([
    ['ssh', 'jump'],
    ['kubectl', 'web'],
  ] as const)('serves every one of 2,000 clients through the %s service, without restarting its tunnel', async (tech, name) => {
    await waitUntil(() => snapshot(name).state === 'running', 30_000, `${name} running`);
    const before = snapshot(name);
    const result = await connectionStorm(name === 'jump' ? ports.jump : ports.web, CLIENTS, 60_000);
    report(tech, result);
    expect(result.failures.slice(0, 3)).toEqual([]);
    expect(result.served).toBe(CLIENTS);
    expect(snapshot(name).pid).toBe(before.pid);
    expect(snapshot(name).restarts).toBe(before.restarts);
    expect(warnings.filter((w) => /refused/.test(w))).toEqual([]);
  });
});

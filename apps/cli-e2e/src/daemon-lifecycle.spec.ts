import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDemoState, FakeKubeApiServer, startFakeKubeApiServer, warningEvent } from '@localport/testing/kube';
import { freePort, waitUntil } from '@localport/testing/loopback';
import { EchoServer, roundTrip, startEchoServer } from '@localport/testing/net';
import { SshdHarness, startSshd } from '@localport/testing/sshd';
import { describeWithBuild, REPO_ROOT } from './support/built-artifacts';
import { runCli } from './support/cli-runner';
import { sendRaw } from './support/control-socket';
import { configYaml, kubectlService, ServiceEntry, sshService } from './support/e2e-config';
import { E2eSandbox } from './support/e2e-sandbox';
import { childrenOf, isAlive } from './support/process-scan';
import { SERVICE_STATES, serviceOf, StatusJson } from './support/status-json';

const CONTEXT = 'e2e';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const STACK_LINE = /^\s+at /m;
const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Bytes sent through `port` come back unchanged. */
async function expectRoundTrip(port: number, size = 64 * 1024): Promise<void> {
  const payload = randomBytes(size);
  const back = await roundTrip({ host: '127.0.0.1', port }, payload, 15_000);
  expect(back.equals(payload)).toBe(true);
}

/** Resolves true when nothing accepts connections on 127.0.0.1:port. */
async function refused(port: number): Promise<boolean> {
  return roundTrip({ host: '127.0.0.1', port }, Buffer.from('x'), 2_000).then(
    () => false,
    (e: NodeJS.ErrnoException) => e.code === 'ECONNREFUSED',
  );
}

const allRunning = (names: string[]) => (s: StatusJson) => names.every((n) => s.services.some((x) => x.name === n && x.state === 'running' && x.healthy));
const pids = (s: StatusJson) => Object.fromEntries(s.services.map((x) => [x.name, x.pid]));

describeWithBuild('localport daemon lifecycle (built CLI + daemon, real kubectl and sshd)', () => {
  let sandbox: E2eSandbox;
  let api: FakeKubeApiServer;
  let sshd: SshdHarness;
  let webPod: EchoServer;
  let dbPod: EchoServer;
  let sshTarget: EchoServer;
  const port: Record<'web' | 'db' | 'tunnel' | 'extra' | 'extra2', number> = { web: 0, db: 0, tunnel: 0, extra: 0, extra2: 0 };
  let base: ServiceEntry[];

  beforeAll(async () => {
    sandbox = E2eSandbox.create('life');
    [webPod, dbPod, sshTarget, sshd] = await Promise.all([startEchoServer(), startEchoServer(), startEchoServer(), startSshd()]);
    const state = defaultDemoState();
    state.portTargets = { 'default/web-0': { 80: { host: '127.0.0.1', port: webPod.port } }, 'default/postgres-0': { 5432: { host: '127.0.0.1', port: dbPod.port } } };
    api = await startFakeKubeApiServer({ state });
    api.writeKubeconfig(sandbox.kubeconfig, { contextName: CONTEXT });
    for (const k of Object.keys(port) as (keyof typeof port)[]) port[k] = await freePort();
    base = [
      kubectlService('web', port.web, { type: 'service', name: 'web', port: 8080, context: CONTEXT }),
      kubectlService('db', port.db, { type: 'pod', name: 'postgres-0', port: 5432, context: CONTEXT }),
      sshService('tunnel', port.tunnel, sshd, sshTarget.port),
    ];
    sandbox.writeConfig(configYaml(base));
  }, 60_000);

  afterAll(async () => {
    await sandbox?.cleanup();
    await Promise.all([api?.close(), sshd?.stop(), webPod?.stop(), dbPod?.stop(), sshTarget?.stop()]);
  }, 60_000);

  it("with no daemon, cluster status, nodes and pods check the config's contexts through the same use cases", async () => {
    const status = JSON.parse((await sandbox.expectCli(['cluster', 'status', '-o', 'json'], 0)).stdout) as { clusters: Record<string, unknown>[] };
    expect(status.clusters).toEqual([expect.objectContaining({ context: CONTEXT, status: 'healthy', nodes: { ready: 2, total: 2 }, provider: 'kubectl', services: ['web', 'db'] })]);
    const nodes = JSON.parse((await sandbox.expectCli(['cluster', 'nodes', '-o', 'json'], 0)).stdout) as { nodes: { context: string; kind: string }[] };
    expect(nodes.nodes).toEqual([expect.objectContaining({ context: CONTEXT, kind: 'Node' }), expect.objectContaining({ context: CONTEXT, kind: 'Node' })]);
    const pods = JSON.parse((await sandbox.expectCli(['cluster', 'pods', '--context', CONTEXT, '-o', 'json'], 0)).stdout) as { pods: { context: string; name: string }[] };
    expect(pods.pods.map((p) => p.name)).toEqual(expect.arrayContaining(['web-0', 'postgres-0']));
    const unknown = await sandbox.expectCli(['cluster', 'events', '--context', 'nope'], 1);
    expect(unknown.stderr).toContain(`context "nope" is not used by any enabled kubectl service (in use: ${CONTEXT})`);
    expect(unknown.stderr).not.toMatch(STACK_LINE);
  }, 60_000);

  it('start --all --wait brings kubectl and ssh services up, and bytes round-trip through each local port', async () => {
    await sandbox.expectCli(['start', '--all', '--wait', '--timeout', '50'], 0, 90_000);
    const before = [webPod.connections(), dbPod.connections(), sshTarget.connections()];
    await Promise.all([expectRoundTrip(port.web, 256 * 1024), expectRoundTrip(port.db), expectRoundTrip(port.tunnel)]);
    // The bytes went through to the servers playing the pods and the ssh target, not just to a listener.
    expect(webPod.connections()).toBeGreaterThan(before[0]);
    expect(dbPod.connections()).toBeGreaterThan(before[1]);
    expect(sshTarget.connections()).toBeGreaterThan(before[2]);
  }, 120_000);

  it('status -o json has exactly the contract shape', async () => {
    await sandbox.waitForStatus((s) => s.clusters.length === 1 && s.clusters[0].status === 'healthy', 'cluster healthy');
    const s = await sandbox.status();
    expect(Object.keys(s).sort()).toEqual(['clusters', 'daemon', 'services']);
    const d = s.daemon;
    expect(d).toMatchObject({ running: true, version: VERSION, configPath: sandbox.configPath });
    expect(Number.isInteger(d.pid) && isAlive(d.pid!)).toBe(true);
    expect(typeof d.uptimeSeconds).toBe('number');
    expect(d.uptimeSeconds!).toBeGreaterThanOrEqual(0);
    expect(d.configPath!.startsWith('/')).toBe(true);
    expect(s.services.map((x) => x.name)).toEqual(['web', 'db', 'tunnel']);
    for (const x of s.services) {
      expect(Object.keys(x)).toEqual(expect.arrayContaining(['name', 'technology', 'localPort', 'state', 'healthy', 'restarts', 'lastError', 'context', 'since']));
      expect(SERVICE_STATES).toContain(x.state);
      expect(x).toMatchObject({ state: 'running', healthy: true, restarts: 0, lastError: null });
      expect(x.since).toMatch(ISO);
      expect(new Date(x.since).toISOString()).toBe(x.since);
    }
    expect(serviceOf(s, 'web')).toMatchObject({ technology: 'kubectl', localPort: port.web, context: CONTEXT });
    expect(serviceOf(s, 'db')).toMatchObject({ technology: 'kubectl', localPort: port.db, context: CONTEXT });
    expect(serviceOf(s, 'tunnel')).toMatchObject({ technology: 'ssh', localPort: port.tunnel, context: null });
    expect(s.clusters).toHaveLength(1);
    expect(s.clusters[0]).toMatchObject({ context: CONTEXT, status: 'healthy', nodes: { ready: 2, total: 2 } });
    expect(s.clusters[0].lastCheck).toMatch(ISO);
  });

  it('status, answered without the CLI bundle, prints byte for byte what the full CLI prints', async () => {
    // Uptime, "ago" columns and counters move between two runs: compare with those masked, and allow a few tries.
    const mask = (t: string) => t.replace(/"uptimeSeconds": [0-9.]+/, 'U').replace(/up [0-9dhms]+/, 'U').replace(/[0-9dhms]+ ago/g, 'A');
    const full = { env: { ...sandbox.env, LOCALPORT_NO_FAST_STATUS: '1' }, cwd: sandbox.home };
    for (const args of [['status'], ['status', '-o', 'json'], ['-o', 'json', 'status', 'tunnel', 'web'], ['status', '--no-color', 'db']]) {
      let same = false;
      for (let attempt = 0; attempt < 5 && !same; attempt++) {
        const [fast, slow] = [await sandbox.expectCli(args, 0), await runCli(args, full)];
        expect(slow.code).toBe(0);
        same = mask(fast.stdout) === mask(slow.stdout) && fast.stderr === slow.stderr;
      }
      expect({ args, same }).toEqual({ args, same: true });
    }
  });

  it("logs <service> shows kubectl's output lines", async () => {
    const r = await sandbox.expectCli(['logs', 'web'], 0);
    expect(r.stdout).toMatch(/Forwarding from 127\.0\.0\.1:\d+/);
  });

  it('cluster status -o json and cluster events report the fake cluster', async () => {
    const status = JSON.parse((await sandbox.expectCli(['cluster', 'status', '-o', 'json'], 0)).stdout) as { clusters: Record<string, unknown>[] };
    expect(status.clusters).toHaveLength(1);
    expect(status.clusters[0]).toMatchObject({ context: CONTEXT, status: 'healthy', nodes: { ready: 2, total: 2 } });
    api.state.events.push(warningEvent('BackOff', 'Back-off restarting failed container e2e-probe', { involvedObject: { kind: 'Pod', name: 'web-0' } }));
    const events = JSON.parse((await sandbox.expectCli(['cluster', 'events', '-o', 'json'], 0)).stdout) as { events: { type: string; reason: string; message: string; context: string }[] };
    expect(events.events).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'Warning', reason: 'BackOff', context: CONTEXT, message: expect.stringContaining('e2e-probe') })]));
    const table = await sandbox.expectCli(['cluster', 'events'], 0);
    expect(table.stdout).toMatch(/Warning.*BackOff/);
    const unknown = await sandbox.expectCli(['cluster', 'status', '--context', 'nope'], 1);
    expect(unknown.stderr).toContain('nope');
  });

  it('an unknown service name is an error naming it (exit 2)', async () => {
    for (const args of [['start', 'nosuch'], ['status', 'nosuch'], ['restart', 'nosuch']]) {
      const r = await sandbox.expectCli(args, 2);
      expect(r.stderr).toContain('nosuch');
      expect(r.stderr).not.toMatch(STACK_LINE);
    }
  });

  it('hot reload: an added service starts, the others keep their tunnels', async () => {
    const before = pids(await sandbox.status());
    sandbox.writeConfig(configYaml([...base, kubectlService('extra', port.extra, { type: 'pod', name: 'web-0', port: 80, context: CONTEXT })]));
    const after = await sandbox.waitForStatus(allRunning(['extra']), 'extra started');
    await expectRoundTrip(port.extra);
    expect(pids(after)).toMatchObject(before);
  });

  it('hot reload: a changed port restarts only that service', async () => {
    const before = await sandbox.status();
    sandbox.writeConfig(configYaml([...base, kubectlService('extra', port.extra2, { type: 'pod', name: 'web-0', port: 80, context: CONTEXT })]));
    const after = await sandbox.waitForStatus((s) => s.services.some((x) => x.name === 'extra' && x.localPort === port.extra2 && x.state === 'running'), 'extra moved');
    await expectRoundTrip(port.extra2);
    expect(await refused(port.extra)).toBe(true);
    for (const name of ['web', 'db', 'tunnel']) {
      expect(serviceOf(after, name)).toMatchObject({ pid: serviceOf(before, name).pid, since: serviceOf(before, name).since, state: 'running' });
    }
  });

  it('hot reload: a removed service is stopped and its port released', async () => {
    const before = await sandbox.status();
    const extraPid = serviceOf(before, 'extra').pid!;
    sandbox.writeConfig(configYaml(base));
    const after = await sandbox.waitForStatus((s) => !s.services.some((x) => x.name === 'extra' && x.state !== 'stopped'), 'extra removed');
    await waitUntil(() => !isAlive(extraPid), 10_000, 'the removed service tunnel to exit');
    expect(await refused(port.extra2)).toBe(true);
    expect(pids(after)).toMatchObject({ web: serviceOf(before, 'web').pid, db: serviceOf(before, 'db').pid, tunnel: serviceOf(before, 'tunnel').pid });
  });

  it('hot reload: an invalid file is rejected whole; the old config keeps running and status says why', async () => {
    const before = await sandbox.status();
    sandbox.writeConfig(configYaml([{ ...base[0], local_port: 70000 }, base[1], base[2], kubectlService('never', port.extra, { type: 'pod', name: 'web-0', port: 80, context: CONTEXT })]));
    await sandbox.waitForStatus((s) => Boolean(s.daemon.configError), 'the invalid file refused');
    const s = await sandbox.status();
    expect(s.daemon.configError).toMatch(/local_port/);
    expect(s.daemon.configError).toContain('70000');
    expect(s.services.map((x) => x.name)).toEqual(['web', 'db', 'tunnel']);
    expect(pids(s)).toEqual(pids(before));
    await expectRoundTrip(port.web);
    expect(await refused(port.extra)).toBe(true);
    const daemonStatus = await sandbox.expectCli(['daemon', 'status'], 0);
    expect(daemonStatus.stdout).toMatch(/refused/);
    expect(daemonStatus.stdout).toContain('70000');
    sandbox.writeConfig(configYaml(base));
    await sandbox.waitForStatus((s2) => !s2.daemon.configError, 'the fixed file accepted');
  });

  it('daemon reload re-reads the file: refuses an invalid one (exit 2, saying why) and applies a valid one', async () => {
    const { daemon } = await sandbox.status();
    sandbox.writeConfig(configYaml([{ ...base[1], health_check: { type: 'tcp', interval: -1 } }, base[0], base[2]]));
    const refusedRun = await sandbox.expectCli(['daemon', 'reload'], 2);
    expect(refusedRun.stderr).toMatch(/refused/);
    expect(refusedRun.stderr).toMatch(/db.*health_check\.interval/);
    expect(refusedRun.stderr).not.toMatch(STACK_LINE);
    sandbox.writeConfig(configYaml(base));
    await sandbox.expectCli(['daemon', 'reload'], 0);
    const s = await sandbox.status();
    expect(s.daemon.configError ?? null).toBeNull();
    expect(s.daemon.pid).toBe(daemon.pid);
    expect(s.services.every((x) => x.state === 'running')).toBe(true);
  });

  it('SIGHUP makes the daemon reload its config', async () => {
    // Let any reload the watcher still owes us happen first, so the next one is the signal's.
    const last = await sandbox.quietReloads(1_500);
    process.kill((await sandbox.status()).daemon.pid!, 'SIGHUP');
    const s = await sandbox.waitForStatus((x) => x.daemon.lastReloadAt !== last, 'a reload after SIGHUP', 10_000);
    expect(s.daemon.running).toBe(true);
    expect(s.services.every((x) => x.state === 'running')).toBe(true);
  });

  it('garbage on the control socket gets an error reply, and the daemon keeps running', async () => {
    const { daemon } = await sandbox.status();
    const garbage = await sendRaw(sandbox.socketPath, Buffer.concat([randomBytes(64).map((b) => (b === 10 ? 0 : b)), Buffer.from('\n')]));
    expect(garbage).toMatchObject({ v: 1, ok: false, error: { code: expect.any(String), message: expect.any(String) } });
    const wrongVersion = await sendRaw(sandbox.socketPath, '{"v":99,"id":"x","method":"status"}\n');
    expect(wrongVersion).toMatchObject({ ok: false, id: 'x' });
    const unknownMethod = await sendRaw(sandbox.socketPath, '{"v":1,"id":"y","method":"rm -rf /","params":{}}\n');
    expect(unknownMethod).toMatchObject({ ok: false, id: 'y' });
    const r = await sandbox.expectCli(['daemon', 'status', '-o', 'json'], 0);
    expect(JSON.parse(r.stdout)).toMatchObject({ running: true, pid: daemon.pid });
  });

  it('a second daemon start is refused, naming the running pid', async () => {
    const { daemon } = await sandbox.status();
    const r = await sandbox.expectCli(['daemon', 'start'], 1);
    expect(r.stderr).toContain(`pid ${daemon.pid}`);
    expect((await sandbox.status()).daemon.pid).toBe(daemon.pid);
  });

  it('stop --all then daemon stop leaves no process behind', async () => {
    const { daemon } = await sandbox.status();
    const tunnels = childrenOf(daemon.pid!);
    expect(tunnels.some((p) => /kubectl/.test(p.cmdline))).toBe(true);
    expect(tunnels.some((p) => /\bssh\b/.test(p.cmdline))).toBe(true);
    await sandbox.expectCli(['stop', '--all'], 0);
    const stopped = await sandbox.status();
    expect(stopped.services.map((x) => x.state)).toEqual(['stopped', 'stopped', 'stopped']);
    await waitUntil(() => tunnels.every((p) => !isAlive(p.pid)), 10_000, 'every tunnel process to exit');
    for (const p of [port.web, port.db, port.tunnel]) expect(await refused(p)).toBe(true);
    await sandbox.expectCli(['daemon', 'stop'], 0);
    expect(isAlive(daemon.pid!)).toBe(false);
    expect(sandbox.ownProcesses()).toEqual([]);
    expect(existsSync(sandbox.socketPath)).toBe(false);
    const after = JSON.parse((await sandbox.expectCli(['status', '-o', 'json'], 0)).stdout) as StatusJson;
    expect(after.daemon.running).toBe(false);
  });
});

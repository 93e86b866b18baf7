import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { defaultDemoState, FakeKubeApiServer, startFakeKubeApiServer } from '@localport/testing/kube';
import { freePort, waitUntil } from '@localport/testing/loopback';
import { EchoServer, roundTrip, startEchoServer } from '@localport/testing/net';
import { describeWithBuild } from './support/built-artifacts';
import { configYaml, kubectlService } from './support/e2e-config';
import { E2eSandbox } from './support/e2e-sandbox';
import { childrenOf, isAlive } from './support/process-scan';
import { serviceOf, StatusJson } from './support/status-json';

const CONTEXT = 'e2e';

async function expectRoundTrip(port: number): Promise<void> {
  const payload = randomBytes(32 * 1024);
  expect((await roundTrip({ host: '127.0.0.1', port }, payload, 15_000)).equals(payload)).toBe(true);
}

const running = (s: StatusJson, ...names: string[]) => names.every((n) => s.services.some((x) => x.name === n && x.state === 'running' && x.healthy));

/** Another program holding a TCP port: a separate node process, so it has its own pid and command line. */
async function holdPort(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${port}, '127.0.0.1', () => console.log('ready'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  if (!chunk.toString().includes('ready')) throw new Error('port holder did not start');
  return child;
}

describeWithBuild('localport daemon under faults (built CLI + daemon, real kubectl)', () => {
  let sandbox: E2eSandbox;
  let api: FakeKubeApiServer;
  let webPod: EchoServer;
  let dbPod: EchoServer;
  let holder: ChildProcess | undefined;
  const port = { web: 0, db: 0, blocked: 0 };

  beforeAll(async () => {
    sandbox = E2eSandbox.create('fault');
    [webPod, dbPod] = await Promise.all([startEchoServer(), startEchoServer()]);
    const state = defaultDemoState();
    state.portTargets = { 'default/web-0': { 80: { host: '127.0.0.1', port: webPod.port } }, 'default/postgres-0': { 5432: { host: '127.0.0.1', port: dbPod.port } } };
    api = await startFakeKubeApiServer({ state });
    api.writeKubeconfig(sandbox.kubeconfig, { contextName: CONTEXT });
    port.web = await freePort();
    port.db = await freePort();
    port.blocked = await freePort();
    sandbox.writeConfig(
      configYaml([
        kubectlService('web', port.web, { type: 'service', name: 'web', port: 8080, context: CONTEXT }),
        kubectlService('db', port.db, { type: 'pod', name: 'postgres-0', port: 5432, context: CONTEXT }),
        kubectlService('blocked', port.blocked, { type: 'pod', name: 'web-0', port: 80, context: CONTEXT }),
      ]),
    );
  }, 60_000);

  afterAll(async () => {
    holder?.kill('SIGKILL');
    await sandbox?.cleanup();
    await Promise.all([api?.close(), webPod?.stop(), dbPod?.stop()]);
  }, 60_000);

  it('a local port taken by another process: that service waits for it naming the pid and command, start reports FORWARD.PORT_IN_USE and exits 1', async () => {
    holder = await holdPort(port.blocked);
    const r = await sandbox.expectCli(['start', '--all', '--wait', '--timeout', '45'], 1, 90_000);
    expect(r.stderr).toMatch(/blocked/);
    const s = await sandbox.status();
    expect(running(s, 'web', 'db')).toBe(true);
    const blocked = serviceOf(s, 'blocked');
    expect(blocked.state).toBe('restarting');
    expect(blocked.lastError).toContain(`waiting for port ${port.blocked} (held by pid ${holder.pid}, `);
    expect(blocked.lastError).toMatch(/node/);
    const json = JSON.parse((await sandbox.expectCli(['start', 'blocked', '-o', 'json'], 1)).stdout) as { results: { name: string; ok: boolean; error?: { code: string } }[] };
    expect(json.results).toEqual([expect.objectContaining({ name: 'blocked', ok: false, error: expect.objectContaining({ code: 'FORWARD.PORT_IN_USE' }) })]);
    holder.kill('SIGKILL');
    await once(holder, 'exit');
    holder = undefined;
    await sandbox.expectCli(['start', 'blocked', '--wait', '--timeout', '30'], 0, 60_000);
    await expectRoundTrip(port.blocked);
  }, 150_000);

  it('kill -9 of a kubectl child: the same local port serves again within a few seconds', async () => {
    const before = serviceOf(await sandbox.status(), 'web');
    expect(before.pid).toEqual(expect.any(Number));
    const killedAt = Date.now();
    process.kill(before.pid!, 'SIGKILL');
    await waitUntil(() => !isAlive(before.pid!), 5_000, 'kubectl to die');
    // Once the daemon has seen the exit, a new connection waits in its listener until the next tunnel is up.
    // (Not earlier: a connection whose relay is still dialing the dead tunnel at that moment is reset; see the report.)
    await sandbox.waitForStatus((s) => serviceOf(s, 'web').state !== 'running' || serviceOf(s, 'web').pid !== before.pid, 'the daemon noticing', 5_000);
    await expectRoundTrip(port.web);
    const recoveredMs = Date.now() - killedAt;
    expect(recoveredMs).toBeLessThan(8_000);
    const after = await sandbox.waitForStatus((s) => running(s, 'web'), 'web running again');
    expect(serviceOf(after, 'web').pid).not.toBe(before.pid);
    expect(serviceOf(after, 'web').restarts).toBeGreaterThanOrEqual(1);
    expect(serviceOf(after, 'web').localPort).toBe(port.web);
  });

  it('target pod Pending, then Running again: the service recovers', async () => {
    const podOf = () => api.state.pods.find((p) => p.namespace === 'default' && p.name === 'postgres-0')!;
    Object.assign(podOf(), { phase: 'Pending', ready: false, waitingReason: 'ContainerCreating' });
    const down = await sandbox.waitForStatus((s) => serviceOf(s, 'db').state !== 'running', 'db noticed its pod went away', 15_000);
    expect(['restarting', 'starting', 'waiting-for-cluster', 'unhealthy']).toContain(serviceOf(down, 'db').state);
    await sandbox.waitForStatus((s) => /not running|lost connection|Pending/i.test(serviceOf(s, 'db').lastError ?? ''), 'db says why', 15_000);
    Object.assign(podOf(), { phase: 'Running', ready: true, waitingReason: undefined });
    const back = Date.now();
    await sandbox.waitForStatus((s) => running(s, 'db'), 'db running again', 20_000);
    expect(Date.now() - back).toBeLessThan(15_000);
    await expectRoundTrip(port.db);
    // web never depended on that pod
    expect(running(await sandbox.status(), 'web')).toBe(true);
  });

  it('API server outage: kubectl services wait for the cluster without a restart storm, then recover when it returns', async () => {
    const before = await sandbox.status();
    const restartsBefore = Object.fromEntries(before.services.map((x) => [x.name, x.restarts]));
    await api.stop();
    const waiting = await sandbox.waitForStatus((s) => s.services.every((x) => x.state === 'waiting-for-cluster'), 'every kubectl service waiting for its cluster', 30_000);
    expect(waiting.clusters[0].status).not.toBe('healthy');
    // An observation window, not synchronisation: during it the services must stay put instead of burning restarts.
    await sleep(6_000);
    const during = await sandbox.status();
    for (const x of during.services) {
      expect(x.state).toBe('waiting-for-cluster');
      expect(x.restarts - restartsBefore[x.name]).toBeLessThanOrEqual(2);
    }
    await api.start();
    const back = Date.now();
    const after = await sandbox.waitForStatus((s) => running(s, 'web', 'db', 'blocked'), 'services running after the outage', 30_000);
    expect(Date.now() - back).toBeLessThan(15_000);
    for (const x of after.services) expect(x.restarts - restartsBefore[x.name]).toBeLessThanOrEqual(3);
    await Promise.all([expectRoundTrip(port.web), expectRoundTrip(port.db)]);
  }, 90_000);

  it('a daemon killed with SIGKILL: the next start handles the stale lock and socket and reaps its kubectl children', async () => {
    const before = await sandbox.status();
    const oldDaemon = before.daemon.pid!;
    const orphans = childrenOf(oldDaemon).filter((p) => /kubectl/.test(p.cmdline));
    expect(orphans.length).toBeGreaterThanOrEqual(3);
    process.kill(oldDaemon, 'SIGKILL');
    await waitUntil(() => !isAlive(oldDaemon), 10_000, 'the daemon to die');
    // Its socket, lock and kubectl children outlive it: that is what the next daemon must cope with.
    expect(existsSync(sandbox.socketPath)).toBe(true);
    expect(orphans.some((p) => isAlive(p.pid))).toBe(true);
    await sandbox.expectCli(['start', '--all', '--wait', '--timeout', '45'], 0, 90_000);
    const after = await sandbox.status();
    expect(after.daemon.pid).not.toBe(oldDaemon);
    expect(running(after, 'web', 'db', 'blocked')).toBe(true);
    await waitUntil(() => orphans.every((p) => !isAlive(p.pid)), 10_000, 'the orphaned kubectl children to be reaped');
    const mine = new Set([after.daemon.pid, ...childrenOf(after.daemon.pid!).map((p) => p.pid)]);
    const strays = sandbox.ownProcesses().filter((p) => !mine.has(p.pid) && !mine.has(p.ppid));
    expect(strays).toEqual([]);
    await Promise.all([expectRoundTrip(port.web), expectRoundTrip(port.db), expectRoundTrip(port.blocked)]);
  }, 120_000);

  it('daemon stop leaves no process behind', async () => {
    const { daemon } = await sandbox.status();
    await sandbox.expectCli(['daemon', 'stop'], 0);
    expect(isAlive(daemon.pid!)).toBe(false);
    expect(sandbox.ownProcesses()).toEqual([]);
  });
});

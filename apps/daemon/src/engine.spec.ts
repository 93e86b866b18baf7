/**
 * The engine end to end, in process: the real Supervisor and ClusterHealthManager with the real
 * adapters, real kubectl against the project's Kubernetes API server, a real sshd and a real
 * PostgreSQL. (The CLI/daemon process suite lives in apps/cli-e2e.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ClusterHealthManager, Logger, Supervisor } from '@localport/application';
import {
  CompositeHealthProber, FileServiceLogs, MathRandom, parseConfigText, SystemClock, TcpListenerFactory, findPortOwner, killAllChildren,
} from '@localport/infrastructure';
import { FakeKubeApiServer, kubectlEnv, kubeVersion, startFakeKubeApiServer, defaultDemoState, pod } from '@localport/testing/kube';
import { RunningPostgres, startPostgres } from '@localport/testing/postgres';
import { SshdHarness, startSshd } from '@localport/testing/sshd';
import { EchoServer, startEchoServer, roundTrip } from '@localport/testing/net';
import { freePort, waitUntil } from '@localport/testing/loopback';
import { startRealEngine } from './real-engine';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => quiet };

jest.setTimeout(90_000);

describe('the forwarding engine with real kubectl, sshd and PostgreSQL', () => {
  let dir: string;
  let kube: FakeKubeApiServer;
  let pg: RunningPostgres;
  let sshd: SshdHarness;
  let echo: EchoServer;
  let supervisor: Supervisor;
  let clusters: ClusterHealthManager;
  let ports: { db: number; web: number; jump: number };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lp-engine-'));
    [pg, sshd, echo] = await Promise.all([startPostgres(), startSshd(), startEchoServer()]);
    const state = defaultDemoState();
    state.portTargets = { 'default/postgres-0': { 5432: { host: '127.0.0.1', port: pg.port } }, 'default/web-0': { 80: { host: '127.0.0.1', port: echo.port } } };
    kube = await startFakeKubeApiServer({ state });
    kube.writeKubeconfig(join(dir, 'kubeconfig'), { contextName: 'fake' });
    ports = { db: await freePort(), web: await freePort(), jump: await freePort() };
    const env = kubectlEnv(dir);
    const yaml = `
version: "1.0"
defaults:
  restart_policy: { initial_delay: 1, max_delay: 2 }
  cluster_health: { interval: 60, timeout: 10, failure_threshold: 1 }
services:
  - name: db
    technology: kubectl
    local_port: ${ports.db}
    remote_port: 5432
    connection: { resource_type: service, resource_name: postgres, context: fake, forwarder: kubectl }
    health_check:
      type: postgres
      interval: 2
      config: { user: ${pg.user}, password: "\${PGPASS}", database: ${pg.database} }
  - name: web
    technology: kubectl
    local_port: ${ports.web}
    remote_port: 80
    connection: { resource_type: pod, resource_name: web-0, context: fake, forwarder: kubectl }
  - name: jump
    technology: ssh
    local_port: ${ports.jump}
    remote_port: ${echo.port}
    connection:
      host: 127.0.0.1
      port: ${sshd.port}
      user: ${sshd.user}
      key_file: ${sshd.clientKeyFile}
      remote_host: 127.0.0.1
      ssh_options: ${JSON.stringify(sshd.clientOptions)}
`;
    const parsed = parseConfigText(yaml, join(dir, 'localport.yaml'), { ...env, PGPASS: pg.password });
    if (!parsed.ok) throw new Error(parsed.error.message);
    ({ clusters, supervisor } = await startRealEngine(parsed.value.config, env, dir, quiet));
  });

  afterAll(async () => {
    await supervisor?.shutdown();
    clusters?.stop();
    killAllChildren('SIGKILL');
    await Promise.all([kube?.close(), pg?.stop(), sshd?.stop(), echo?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const state = (name: string) => supervisor.get(name)!.snapshot();
  const healthy = (name: string) => state(name).state === 'running' && state(name).healthy;

  it('brings a kubectl service up and its postgres check passes through the local port', async () => {
    await waitUntil(() => healthy('db'), 30_000, 'db healthy');
    const client = new Client({ host: '127.0.0.1', port: ports.db, user: pg.user, password: pg.password, database: pg.database });
    await client.connect();
    const r = await client.query('SELECT 41 + 1 AS answer');
    await client.end();
    expect(r.rows[0].answer).toBe(42);
  });

  it('relays bytes through an ssh tunnel to the target behind the ssh server', async () => {
    await waitUntil(() => healthy('jump'), 30_000, 'jump healthy');
    const payload = Buffer.alloc(256 * 1024, 7);
    expect((await roundTrip({ host: '127.0.0.1', port: ports.jump }, payload)).equals(payload)).toBe(true);
  });

  it('serves the same local port again after kill -9 of the kubectl child', async () => {
    await waitUntil(() => healthy('web'), 30_000, 'web healthy');
    const before = state('web');
    process.kill(before.pid!, 'SIGKILL');
    const killedAt = Date.now();
    // A connection that raced into the dying process's accept queue is reset; the next ones wait for the new tunnel.
    const answer = await firstEcho(ports.web, Buffer.from('after the crash'), 15_000);
    expect(answer.reply.toString()).toBe('after the crash');
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(state('web').pid).not.toBe(before.pid);
    expect(state('web').restarts).toBeGreaterThanOrEqual(1);
  });

  it('fails a connection held across an upstream restart cleanly, and a new one succeeds', async () => {
    await waitUntil(() => healthy('web'), 30_000, 'web healthy');
    const held = await openConnection(ports.web);
    // Answered once, so it is a connection through the tunnel (one that never got a byte back may be replayed on the next).
    held.write('ping');
    await new Promise((resolve) => held.once('data', resolve));
    const closed = new Promise<void>((resolve) => held.once('close', () => resolve()));
    process.kill(state('web').pid!, 'SIGKILL');
    await closed;
    const payload = Buffer.from('fresh');
    expect((await roundTrip({ host: '127.0.0.1', port: ports.web }, payload, 15_000)).toString()).toBe('fresh');
  });

  it('recovers when the pod behind a service is deleted and recreated', async () => {
    await waitUntil(() => healthy('db'), 30_000, 'db healthy');
    const pid = state('db').pid;
    const original = kube.state.pods.find((p) => p.name === 'postgres-0')!;
    kube.state.pods = kube.state.pods.filter((p) => p !== original);
    await waitUntil(() => state('db').pid !== pid, 15_000, 'db tunnel replaced');
    kube.state.pods = [...kube.state.pods, pod('postgres-0', { labels: { app: 'postgres' }, node: 'node-b', containerPorts: [{ containerPort: 5432, name: 'postgres' }] })];
    await waitUntil(() => healthy('db'), 30_000, 'db healthy again');
  });

  it('holds kubectl services while the API server is down, spends no attempts, and restarts them when it returns', async () => {
    await waitUntil(() => healthy('web') && healthy('db'), 30_000, 'kubectl services healthy');
    const restartsBefore = state('web').restarts;
    await kube.stop();
    await waitUntil(() => state('web').state === 'waiting-for-cluster' && state('db').state === 'waiting-for-cluster', 20_000, 'waiting-for-cluster');
    expect(healthy('jump')).toBe(true); // ssh is never gated by a cluster
    await new Promise((r) => setTimeout(r, 3_000)); // an outage lasting a while: no restart storm meanwhile
    expect(state('web').restarts - restartsBefore).toBeLessThanOrEqual(1);
    await kube.start();
    const back = Date.now();
    await waitUntil(() => healthy('web') && healthy('db'), 20_000, 'running again');
    expect(Date.now() - back).toBeLessThan(15_000);
  });

  it.each([
    [28, 'spdy'],
    [33, 'websocket-spdy'],
  ] as const)('forwards with the kubectl the server version picks: 1.%i over %s', async (minor, transport) => {
    kube.state.version = kubeVersion(minor);
    await supervisor.restart({ names: ['web'] });
    await waitUntil(() => healthy('web'), 30_000, 'web healthy');
    const payload = Buffer.alloc(64 * 1024, minor);
    expect((await roundTrip({ host: '127.0.0.1', port: ports.web }, payload)).equals(payload)).toBe(true);
    expect(kube.portForwardSessions[kube.portForwardSessions.length - 1]).toMatchObject({ transport, pod: 'web-0' });
  });

  it('reports a local port held by another process, naming that process', async () => {
    const blocker: Server = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const taken = (blocker.address() as { port: number }).port;
    const [service] = supervisor.services().filter((s) => s.name === 'web');
    const other = new Supervisor(
      { launchers: [], listeners: new TcpListenerFactory(findPortOwner), prober: new CompositeHealthProber(), gate: clusters, clock: new SystemClock(), random: new MathRandom(), logger: quiet, serviceLogs: new FileServiceLogs(join(dir, 'logs2')), startTimeoutMs: 1_000 },
    );
    await other.apply([{ ...service, name: 'clash', localPort: taken as never }]);
    const snap = other.get('clash')!.snapshot();
    blocker.close();
    await other.shutdown();
    expect(snap.state).toBe('restarting'); // waiting for the port, per the restart policy
    expect(snap.lastError).toContain(`waiting for port ${taken} (held by pid ${process.pid}, `);
    expect(other.get('clash')!.lastErrorCode).toBe('FORWARD.PORT_IN_USE');
  });
});

/** Connects until one connection gets its echo back; how many tries that took. */
async function firstEcho(port: number, payload: Buffer, timeoutMs: number): Promise<{ reply: Buffer; attempts: number }> {
  const deadline = Date.now() + timeoutMs;
  for (let attempts = 1; ; attempts++) {
    try {
      return { reply: await roundTrip({ host: '127.0.0.1', port }, payload, Math.max(1, deadline - Date.now())), attempts };
    } catch (e) {
      if (Date.now() >= deadline) throw e;
    }
  }
}

function openConnection(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}

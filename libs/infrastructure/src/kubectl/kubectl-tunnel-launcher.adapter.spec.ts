import { LaunchOptions, RunningTunnel, TunnelError } from '@localport/application';
import { describeTunnelLauncherContract } from '@localport/application/testing';
import { createService, DEFAULT_HEALTH_TIMING, DEFAULT_RESTART_POLICY, Result, Service, unwrap } from '@localport/domain';
import { FakeKubeApiServer, kubectlEnv, kubeVersion, pod, startFakeKubeApiServer, writeKubeconfigFile } from '@localport/testing/kube';
import { acceptsConnection, startMuteTcpServer } from '@localport/testing/loopback';
import { EchoServer, roundTrip, startEchoServer } from '@localport/testing/net';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChildProcessLedger } from '../process/child-process-ledger';
import { readProcessIdentity } from '../process/process-identity';
import { KubectlConnection } from './kubectl-connection';
import { KubectlTunnelLauncher } from './kubectl-tunnel-launcher.adapter';

jest.setTimeout(60_000);

function kubectlService(connection: Partial<KubectlConnection>, remotePort: number): Service {
  return unwrap(
    createService({
      name: 'web',
      localPort: 18080,
      remotePort,
      bindAddress: '127.0.0.1',
      connection: { technology: 'kubectl', resourceType: 'pod', resourceName: 'web-0', namespace: 'default', ...connection },
      target: `pod/web-0:${remotePort}`,
      kubeContext: connection.context ?? 'test',
      healthCheck: { type: 'tcp', ...DEFAULT_HEALTH_TIMING },
      restartPolicy: DEFAULT_RESTART_POLICY,
      tags: [],
      enabled: true,
      connectTimeoutMs: 10_000,
    }),
  );
}

const launchOptions = (overrides: Partial<LaunchOptions> = {}): LaunchOptions & { lines: string[] } => {
  const lines: string[] = [];
  return { signal: new AbortController().signal, output: (l) => lines.push(l), startTimeoutMs: 30_000, lines, ...overrides };
};

const tunnelOf = (r: Result<RunningTunnel, TunnelError>): RunningTunnel => {
  if (!r.ok) throw new Error(`launch failed: ${r.error.code} ${r.error.message}`);
  return r.value;
};

const echoThrough = async (tunnel: RunningTunnel, payload = Buffer.alloc(256 * 1024, 'k8s')) => {
  if (tunnel.endpoint.kind !== 'tcp') throw new Error('kubectl tunnels are tcp');
  return (await roundTrip({ host: tunnel.endpoint.host, port: tunnel.endpoint.port }, payload)).equals(payload);
};

describe(KubectlTunnelLauncher.name, () => {
  let dir: string;
  let fake: FakeKubeApiServer;
  let echo: EchoServer;
  let launcher: KubectlTunnelLauncher;
  const tunnels: RunningTunnel[] = [];
  const launch = async (l: KubectlTunnelLauncher, s: Service, o = launchOptions()) => {
    const r = await l.launch(s, o);
    if (r.ok) tunnels.push(r.value);
    return r;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lp-kubectl-'));
    [fake, echo] = await Promise.all([startFakeKubeApiServer(), startEchoServer()]);
    fake.writeKubeconfig(join(dir, 'kubeconfig'), { extraContexts: [{ name: 'gone', server: 'http://127.0.0.1:1' }] });
    launcher = new KubectlTunnelLauncher({ env: kubectlEnv(dir) });
  });
  beforeEach(() => {
    fake.state.portTargets = { 'default/web-0': { 80: { host: echo.host, port: echo.port } }, 'default/postgres-0': { 5432: { host: echo.host, port: echo.port } } };
  });
  afterEach(async () => {
    await Promise.all(tunnels.splice(0).map((t) => t.stop()));
  });
  afterAll(async () => {
    await Promise.all([fake?.close(), echo?.stop()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('forwards a pod port on an ephemeral 127.0.0.1 port and reports each output line', async () => {
    const options = launchOptions();
    const tunnel = tunnelOf(await launch(launcher, kubectlService({}, 80), options));
    expect(tunnel.endpoint).toEqual({ kind: 'tcp', host: '127.0.0.1', port: expect.any(Number) });
    expect(options.lines).toContainEqual(expect.stringMatching(/^Forwarding from 127\.0\.0\.1:\d+ -> 80/));
    expect(await echoThrough(tunnel)).toBe(true);
    expect(fake.portForwardSessions.at(-1)).toMatchObject({ transport: 'websocket-spdy', namespace: 'default', pod: 'web-0' });
  });

  it.each([
    ['service', 'web', 8080],
    ['deployment', 'web', 80],
    ['statefulset', 'postgres', 5432],
  ] as const)('forwards %s/%s:%d', async (resourceType, resourceName, port) => {
    const tunnel = tunnelOf(await launch(launcher, kubectlService({ resourceType, resourceName }, port)));
    expect(await echoThrough(tunnel)).toBe(true);
  });

  it('works with an old kubectl (the dispatcher runs 1.28, SPDY only) and a named context', async () => {
    fake.state.version = kubeVersion(28, 7);
    try {
      const tunnel = tunnelOf(await launch(launcher, kubectlService({ context: 'fake' }, 80)));
      expect(await echoThrough(tunnel)).toBe(true);
      expect(fake.portForwardSessions.at(-1)).toMatchObject({ transport: 'spdy', pod: 'web-0' });
    } finally {
      fake.state.version = kubeVersion(32, 4);
    }
  });

  it('reports a Pending pod as TUNNEL.POD_NOT_RUNNING', async () => {
    fake.state.pods.push(pod('pending-0', { phase: 'Pending', containerPorts: [80] }));
    const result = await launch(launcher, kubectlService({ resourceName: 'pending-0' }, 80));
    expect(result).toMatchObject({ ok: false, error: { code: 'TUNNEL.POD_NOT_RUNNING', permanent: false } });
  });

  it('reports a missing pod and an unknown context as TUNNEL.NOT_FOUND', async () => {
    expect(await launch(launcher, kubectlService({ resourceName: 'nope-0' }, 80))).toMatchObject({ ok: false, error: { code: 'TUNNEL.NOT_FOUND' } });
    expect(await launch(launcher, kubectlService({ context: 'no-such-context' }, 80))).toMatchObject({ ok: false, error: { code: 'TUNNEL.NOT_FOUND' } });
  });

  it('resolves exited with LOST_CONNECTION or UNREACHABLE when the API server goes down', async () => {
    const tunnel = tunnelOf(await launch(launcher, kubectlService({}, 80)));
    await fake.stop();
    try {
      const exit = await tunnel.exited;
      expect(exit.code).not.toBe(0);
      expect(exit.error.code).toMatch(/^TUNNEL\.(LOST_CONNECTION|UNREACHABLE)$/);
      expect(exit.error.message).toMatch(/lost connection to pod|refused/);
    } finally {
      await fake.start();
    }
  });

  it('reports refused credentials as TUNNEL.AUTH, permanent', async () => {
    const gate = await startRefusingServer();
    const authDir = await mkdtemp(join(tmpdir(), 'lp-kubectl-auth-'));
    try {
      writeKubeconfigFile(join(authDir, 'kubeconfig'), { url: `http://127.0.0.1:${gate.port}` });
      const refused = new KubectlTunnelLauncher({ env: kubectlEnv(authDir) });
      expect(await launch(refused, kubectlService({}, 80))).toMatchObject({ ok: false, error: { code: 'TUNNEL.AUTH', permanent: true } });
    } finally {
      await gate.stop();
      await rm(authDir, { recursive: true, force: true });
    }
  });

  it('takes a kubectl killed after a start timeout out of the ledger', async () => {
    const silent = await startMuteTcpServer();
    const hungDir = await mkdtemp(join(tmpdir(), 'lp-kubectl-hung-'));
    try {
      writeKubeconfigFile(join(hungDir, 'kubeconfig'), { url: `http://127.0.0.1:${silent.port}` });
      const ledger = new ChildProcessLedger(join(hungDir, 'children.json'));
      const hung = new KubectlTunnelLauncher({ env: kubectlEnv(hungDir), ledger });
      const launched = launch(hung, kubectlService({}, 80), launchOptions({ startTimeoutMs: 1_500 }));
      await silent.accepted;
      const [recorded] = await ledger.entries();
      expect(await launched).toMatchObject({ ok: false, error: { code: 'TUNNEL.START_TIMEOUT' } });
      expect(await readProcessIdentity(recorded.pid)).toBeNull();
      expect(await ledger.entries()).toEqual([]);
    } finally {
      await silent.stop();
      await rm(hungDir, { recursive: true, force: true });
    }
  });

});

/** An "API server" that answers every request 401, as a real one does for a bad token. */
async function startRefusingServer(): Promise<{ port: number; stop(): Promise<void> }> {
  const server = createHttpServer((_req, res) => {
    const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
    res.writeHead(401, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describeTunnelLauncherContract('KubectlTunnelLauncher (real kubectl, test API server)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lp-kubectl-contract-'));
  const [fake, echo] = await Promise.all([startFakeKubeApiServer(), startEchoServer()]);
  fake.state.portTargets = { 'default/web-0': { 80: { host: echo.host, port: echo.port } } };
  // Contexts for the refused and the mute servers live in one kubeconfig, so one launcher serves them all.
  const extraContexts = [{ name: 'gone', server: 'http://127.0.0.1:1' }];
  fake.writeKubeconfig(join(dir, 'kubeconfig'), { extraContexts });
  const launcher = new KubectlTunnelLauncher({ env: kubectlEnv(dir) });
  return {
    launcher,
    reachable: () => kubectlService({}, 80),
    unreachable: async () => kubectlService({ context: 'gone' }, 80),
    missingProgram: () => new KubectlTunnelLauncher({ kubectl: join(dir, 'no-kubectl'), env: kubectlEnv(dir) }),
    silent: async () => {
      const mute = await startMuteTcpServer();
      const name = `mute-${extraContexts.length}`;
      extraContexts.push({ name, server: `http://127.0.0.1:${mute.port}` });
      fake.writeKubeconfig(join(dir, 'kubeconfig'), { extraContexts });
      return { ...mute, service: kubectlService({ context: name }, 80) };
    },
    endpointOpen: (e) => acceptsConnection(e.kind === 'tcp' ? e : { path: e.kind === 'unix' ? e.path : '' }),
    processGone: async (t) => (await readProcessIdentity(t.pid!)) === null,
    kill: (t) => process.kill(t.pid!, 'SIGKILL'),
    passTime: async () => undefined,
    close: async () => {
      await Promise.all([fake.close(), echo.stop()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
});

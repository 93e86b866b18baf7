import { LaunchOptions, RunningTunnel, TunnelError } from '@localport/application';
import { describeTunnelLauncherContract } from '@localport/application/testing';
import { createService, DEFAULT_HEALTH_TIMING, DEFAULT_RESTART_POLICY, Result, Service, unwrap } from '@localport/domain';
import { acceptsConnection, freePort, startMuteTcpServer } from '@localport/testing/loopback';
import { EchoServer, roundTrip, startEchoServer } from '@localport/testing/net';
import { SshdHarness, startSshd } from '@localport/testing/sshd';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChildProcessLedger } from '../process/child-process-ledger';
import { readProcessIdentity } from '../process/process-identity';
import { sshTunnelArguments } from './ssh-arguments';
import { SshConnection } from './ssh-connection';
import { SshTunnelLauncher } from './ssh-tunnel-launcher.adapter';

const T = 60_000;
let runtimeDir: string;
let echo: EchoServer;
let sshd: SshdHarness;

function sshService(overrides: Partial<SshConnection> = {}): Service {
  const connection: SshConnection = {
    technology: 'ssh',
    host: sshd.host,
    port: sshd.port as SshConnection['port'],
    user: sshd.user,
    keyFile: sshd.clientKeyFile,
    remoteHost: '127.0.0.1',
    strictHostKeyChecking: 'yes',
    options: sshd.clientOptions,
    ...overrides,
  };
  return unwrap(
    createService({
      name: 'echo-over-ssh',
      localPort: 15999,
      remotePort: echo.port,
      bindAddress: '127.0.0.1',
      connection,
      target: `127.0.0.1:${echo.port} via ${connection.host}`,
      kubeContext: null,
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
  return { signal: new AbortController().signal, output: (l) => lines.push(l), startTimeoutMs: 20_000, lines, ...overrides };
};

const tunnelOf = (r: Result<RunningTunnel, TunnelError>): RunningTunnel => {
  if (!r.ok) throw new Error(`launch failed: ${r.error.code} ${r.error.message}`);
  return r.value;
};
const socketPathOf = (t: RunningTunnel) => (t.endpoint.kind === 'unix' ? t.endpoint.path : '');

beforeAll(async () => {
  runtimeDir = await mkdtemp(join(tmpdir(), 'lp-ssh-'));
  [echo, sshd] = await Promise.all([startEchoServer(), startSshd()]);
}, T);
afterAll(async () => {
  await Promise.all([echo?.stop(), sshd?.stop()]);
  await rm(runtimeDir, { recursive: true, force: true });
});

describe(SshTunnelLauncher.name, () => {
  const launcher = () => new SshTunnelLauncher({ runtimeDir });

  it('carries bytes through its Unix socket to the remote port, and stop() removes the socket', async () => {
    const tunnel = tunnelOf(await launcher().launch(sshService(), launchOptions()));
    expect(tunnel.endpoint.kind).toBe('unix');
    expect(socketPathOf(tunnel).startsWith(join(runtimeDir, 'tunnels'))).toBe(true);
    expect((await stat(join(runtimeDir, 'tunnels'))).mode & 0o777).toBe(0o700);
    expect(tunnel.pid).toEqual(expect.any(Number));
    const payload = Buffer.alloc(512 * 1024, 'localport');
    expect((await roundTrip({ path: socketPathOf(tunnel) }, payload)).equals(payload)).toBe(true);
    await tunnel.stop();
    expect(existsSync(socketPathOf(tunnel))).toBe(false);
    expect((await tunnel.exited).error.message).toMatch(/stopped/);
  }, T);

  it('runs every tunnel on its own connection even when ControlMaster multiplexing is configured', async () => {
    // What a ~/.ssh/config with `ControlMaster auto` does; as a mux client, ssh would hand its forward to the master and exit.
    const options = { ...sshd.clientOptions, ControlMaster: 'auto', ControlPath: join(runtimeDir, 'cm-%C'), ControlPersist: 'yes' };
    const service = sshService({ options });
    const first = tunnelOf(await launcher().launch(service, launchOptions()));
    const second = tunnelOf(await launcher().launch(service, launchOptions()));
    try {
      for (const tunnel of [first, second]) expect((await roundTrip({ path: socketPathOf(tunnel) }, Buffer.from('muxed?'))).toString()).toBe('muxed?');
      expect(first.pid).not.toBe(second.pid);
      for (const tunnel of [first, second]) expect(() => process.kill(tunnel.pid!, 0)).not.toThrow();
      expect(sshTunnelArguments(service.connection as SshConnection, 1, '/x.sock').join(' ')).toContain('-o ControlMaster=no -o ControlPath=none');
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  }, T);

  it('reports a refused key as TUNNEL.AUTH, permanent', async () => {
    const locked = await startSshd({ authorizedKeys: [] });
    try {
      const result = await launcher().launch(sshService({ port: locked.port as SshConnection['port'], options: locked.clientOptions }), launchOptions());
      expect(result).toMatchObject({ ok: false, error: { code: 'TUNNEL.AUTH', permanent: true } });
    } finally {
      await locked.stop();
    }
  }, T);

  it('reports an unknown host key under strict checking as TUNNEL.HOST_KEY, and a changed one too', async () => {
    const empty = join(runtimeDir, 'empty_known_hosts');
    await writeFile(empty, '');
    const unknown = await launcher().launch(sshService({ options: { ...sshd.clientOptions, UserKnownHostsFile: empty } }), launchOptions());
    expect(unknown).toMatchObject({ ok: false, error: { code: 'TUNNEL.HOST_KEY', permanent: true } });

    const other = await startSshd();
    const changed = join(runtimeDir, 'changed_known_hosts');
    await writeFile(changed, `[127.0.0.1]:${sshd.port} ${other.hostKeyPublic}\n`);
    await other.stop();
    const result = await launcher().launch(sshService({ options: { ...sshd.clientOptions, UserKnownHostsFile: changed } }), launchOptions());
    expect(result).toMatchObject({ ok: false, error: { code: 'TUNNEL.HOST_KEY', message: expect.stringMatching(/IDENTIFICATION HAS CHANGED|verification failed/) } });
  }, T);

  it('trusts a first-seen host key with accept-new and records it', async () => {
    const fresh = join(runtimeDir, 'fresh_known_hosts');
    await writeFile(fresh, '');
    const tunnel = tunnelOf(await launcher().launch(sshService({ strictHostKeyChecking: 'accept-new', options: { ...sshd.clientOptions, UserKnownHostsFile: fresh } }), launchOptions()));
    try {
      expect((await roundTrip({ path: socketPathOf(tunnel) }, Buffer.from('hi'))).toString()).toBe('hi');
      expect((await readFile(fresh, 'utf8')).trim()).not.toBe('');
    } finally {
      await tunnel.stop();
    }
  }, T);

  it('resolves exited when the ssh server goes away', async () => {
    const doomed = await startSshd();
    const tunnel = tunnelOf(await launcher().launch(sshService({ port: doomed.port as SshConnection['port'], keyFile: doomed.clientKeyFile, options: doomed.clientOptions }), launchOptions()));
    await doomed.stop();
    const exit = await tunnel.exited;
    expect(exit).toMatchObject({ code: 255, error: { code: 'TUNNEL.LOST_CONNECTION', message: expect.stringMatching(/closed by remote host/) } });
    expect(existsSync(socketPathOf(tunnel))).toBe(false);
  }, T);

  it('offers a configured password through SSH_ASKPASS, never on the command line, and reports its refusal as TUNNEL.AUTH', async () => {
    const passwordSshd = await startSshd({ passwordAuthentication: true });
    const secret = 'not-the-password-Zq8';
    try {
      const service = sshService({ port: passwordSshd.port as SshConnection['port'], keyFile: undefined, password: secret, options: passwordSshd.clientOptions });
      expect(sshTunnelArguments(service.connection as SshConnection, service.remotePort, '/x.sock').join(' ')).not.toContain(secret);
      const options = launchOptions();
      const result = await launcher().launch(service, options);
      expect(result).toMatchObject({ ok: false, error: { code: 'TUNNEL.AUTH', permanent: true } });
      await expect(passwordSshd.waitForLog(/Failed password for/)).resolves.toContain(passwordSshd.user);
      expect(options.lines.join('\n')).not.toContain(secret);
    } finally {
      await passwordSshd.stop();
    }
  }, T);

  it('records the ssh child in the ledger while it runs', async () => {
    const ledger = new ChildProcessLedger(join(runtimeDir, 'ledger.json'));
    const tunnel = tunnelOf(await new SshTunnelLauncher({ runtimeDir, ledger }).launch(sshService(), launchOptions()));
    expect((await ledger.entries()).map((e) => e.pid)).toEqual([tunnel.pid]);
    await tunnel.stop();
    expect(await ledger.entries()).toEqual([]);
  }, T);
});

describeTunnelLauncherContract('SshTunnelLauncher (real ssh, sshd harness)', async () => ({
  launcher: new SshTunnelLauncher({ runtimeDir }),
  reachable: () => sshService(),
  unreachable: async () => sshService({ port: (await freePort()) as SshConnection['port'] }),
  unreachableMessage: /Connection refused/,
  missingProgram: () => new SshTunnelLauncher({ runtimeDir, sshPath: '/nonexistent/ssh' }),
  silent: async () => {
    const mute = await startMuteTcpServer();
    return { ...mute, service: sshService({ port: mute.port as SshConnection['port'] }) };
  },
  // A socket file left behind counts as still there: the launcher must remove it.
  endpointOpen: async (e) => (e.kind === 'unix' ? existsSync(e.path) : e.kind === 'tcp' ? acceptsConnection(e) : false),
  processGone: async (t) => (await readProcessIdentity(t.pid!)) === null,
  kill: (t) => process.kill(t.pid!, 'SIGKILL'),
  passTime: async () => undefined,
  close: async () => undefined,
}), T);

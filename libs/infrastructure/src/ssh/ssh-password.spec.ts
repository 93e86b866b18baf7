/**
 * Password logins against a real sshd that accepts passwords: the password reaches ssh through the askpass
 * helper and a one-time 0600 file, never through the environment of ssh (readable in /proc/PID/environ).
 */
import { LaunchOptions } from '@localport/application';
import { createService, DEFAULT_HEALTH_TIMING, DEFAULT_RESTART_POLICY, Service, unwrap } from '@localport/domain';
import { EchoServer, roundTrip, startEchoServer } from '@localport/testing/net';
import { passwordSshdUnavailable, SshdHarness, startSshd } from '@localport/testing/sshd';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SshConnection } from './ssh-connection';
import { SshTunnelLauncher } from './ssh-tunnel-launcher.adapter';

const PASSWORD = `lp-Pw-${process.pid}-s3cret`;
const unavailable = passwordSshdUnavailable();
// Skipped, with the reason printed, where the harness cannot give the test user a password (not root).
const describeWithPasswords = unavailable ? describe.skip : describe;
if (unavailable) process.stdout.write(`ssh password tests skipped: a password-accepting sshd ${unavailable}\n`);

describeWithPasswords('ssh password logins through the askpass helper', () => {
  let runtimeDir: string;
  let echo: EchoServer;
  let sshd: SshdHarness;
  beforeAll(async () => {
    runtimeDir = await mkdtemp(join(tmpdir(), 'lp-sshpw-'));
    [echo, sshd] = await Promise.all([startEchoServer(), startSshd({ userPassword: PASSWORD })]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([echo?.stop(), sshd?.stop()]);
    await rm(runtimeDir, { recursive: true, force: true });
  });

  const service = (password: string): Service => {
    const connection: SshConnection = {
      technology: 'ssh', host: sshd.host, port: sshd.port as SshConnection['port'], user: sshd.user, password, remoteHost: '127.0.0.1', strictHostKeyChecking: 'yes',
      // No key offered (IdentitiesOnly with none given, no agent): the password is the only way in.
      options: { ...sshd.clientOptions, PubkeyAuthentication: 'no' },
    };
    return unwrap(createService({
      name: 'pw', localPort: 15998, remotePort: echo.port, bindAddress: '127.0.0.1', connection, target: `127.0.0.1:${echo.port} via ${sshd.host}`, kubeContext: null, healthCheck: { type: 'tcp', ...DEFAULT_HEALTH_TIMING },
      restartPolicy: DEFAULT_RESTART_POLICY, tags: [], enabled: true, connectTimeoutMs: 10_000,
    }));
  };
  const options = (): LaunchOptions & { lines: string[] } => {
    const lines: string[] = [];
    return { signal: new AbortController().signal, output: (l) => lines.push(l), startTimeoutMs: 20_000, lines };
  };
  const leftovers = () => readdirSync(join(runtimeDir, 'tunnels')).filter((f) => f.endsWith('.pw'));

  it('logs in with the password, and neither the environment of ssh nor any file holds it afterwards', async () => {
    const launched = await new SshTunnelLauncher({ runtimeDir }).launch(service(PASSWORD), options());
    if (!launched.ok) throw new Error(`launch failed: ${launched.error.message}`);
    const tunnel = launched.value;
    try {
      await sshd.waitForLog(/Accepted password for/);
      const payload = Buffer.from('through a password login');
      expect((await roundTrip({ path: (tunnel.endpoint as { path: string }).path }, payload)).equals(payload)).toBe(true);
      const environ = readFileSync(`/proc/${tunnel.pid}/environ`, 'latin1');
      expect(environ).not.toContain(PASSWORD);
      expect(environ).not.toContain('LOCALPORT_SSH_PASSWORD=');
      expect(leftovers()).toEqual([]);
      for (const f of readdirSync(join(runtimeDir, 'tunnels')).filter((n) => !n.endsWith('.sock'))) expect(readFileSync(join(runtimeDir, 'tunnels', f), 'latin1')).not.toContain(PASSWORD);
    } finally {
      await tunnel.stop();
    }
  });

  it('fails a wrong password as an authentication failure and leaves no password file behind', async () => {
    const launched = await new SshTunnelLauncher({ runtimeDir }).launch(service('not-the-password'), options());
    expect(launched).toMatchObject({ ok: false, error: { message: expect.stringMatching(/auth|denied|password/i) } });
    expect(leftovers()).toEqual([]);
  });
});

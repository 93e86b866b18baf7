import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SshConnection } from '../ssh/ssh-connection';
import { SshdHarness, startSshd } from '@localport/testing/sshd';
import { OpenSshDiagnostics } from './ssh-diagnostics.adapter';

/** Runs `ssh ... true` the way a tunnel would authenticate: what a user would see fail. */
const sshTrue = (c: SshConnection) =>
  new Promise<{ code: number; stderr: string }>((resolve) =>
    execFile('ssh', ['-o', 'BatchMode=yes', '-o', `StrictHostKeyChecking=${c.strictHostKeyChecking}`, ...Object.entries(c.options).flatMap(([k, v]) => ['-o', `${k}=${v}`]), '-p', String(c.port), '-i', c.keyFile!, `${c.user}@${c.host}`, 'true'],
      { timeout: 15_000 }, (e, _o, stderr) => resolve({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, stderr: String(stderr) })));

describe(OpenSshDiagnostics.name, () => {
  let sshd: SshdHarness;
  let dir: string;
  const ssh = new OpenSshDiagnostics();
  const connection = (over: Partial<SshConnection> = {}, options: Record<string, string> = {}): SshConnection => ({
    technology: 'ssh', host: sshd.host, port: sshd.port as SshConnection['port'], user: sshd.user, keyFile: sshd.clientKeyFile, remoteHost: '127.0.0.1',
    strictHostKeyChecking: 'yes', options: { ...sshd.clientOptions, ...options }, ...over,
  });

  beforeAll(async () => {
    sshd = await startSshd();
    dir = mkdtempSync(join(tmpdir(), 'lp-doctor-ssh-'));
  }, 30_000);
  afterAll(async () => {
    await sshd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds ssh and resolves a connection with ssh -G, known_hosts files included', async () => {
    expect(await ssh.version()).toMatchObject({ ok: true, value: expect.stringMatching(/OpenSSH/) });
    const r = await ssh.resolve(connection());
    expect(r).toMatchObject({ ok: true, value: { hostname: '127.0.0.1', port: sshd.port, user: sshd.user, knownHostsFiles: [sshd.knownHostsFile, '/dev/null'], strictHostKeyChecking: 'yes' } });
  });

  it('knows the host key from the harness known_hosts; an empty known_hosts does not, and real ssh then refuses', async () => {
    const known = (await ssh.resolve(connection())) as { ok: true; value: { knownHostsFiles: readonly string[] } };
    expect(await ssh.knownHostKey('127.0.0.1', sshd.port, known.value.knownHostsFiles)).toBe(sshd.knownHostsFile);
    const empty = join(dir, 'empty_known_hosts');
    writeFileSync(empty, '');
    const stranger = connection({}, { UserKnownHostsFile: empty });
    const resolved = (await ssh.resolve(stranger)) as { ok: true; value: { knownHostsFiles: readonly string[] } };
    expect(resolved.value.knownHostsFiles).toEqual([empty, '/dev/null']);
    expect(await ssh.knownHostKey('127.0.0.1', sshd.port, resolved.value.knownHostsFiles)).toBeNull();
    // The verdict matches reality: ssh itself fails on exactly this host.
    expect(await sshTrue(stranger)).toMatchObject({ code: 255, stderr: expect.stringMatching(/Host key verification failed/) });
    expect(await sshTrue(connection())).toMatchObject({ code: 0 });
  }, 30_000);

  it('rejects a missing key file, a directory, and a key others can read (ssh refuses it too)', async () => {
    expect(await ssh.checkKeyFile(sshd.clientKeyFile)).toEqual({ ok: true, value: undefined });
    expect(await ssh.checkKeyFile(join(dir, 'nope'))).toMatchObject({ ok: false, error: { code: 'KEY.NOT_FOUND' } });
    mkdirSync(join(dir, 'a-dir'));
    expect(await ssh.checkKeyFile(join(dir, 'a-dir'))).toMatchObject({ ok: false, error: { code: 'KEY.UNREADABLE' } });
    const open = join(dir, 'open_key');
    copyFileSync(sshd.clientKeyFile, open);
    chmodSync(open, 0o644);
    expect(await ssh.checkKeyFile(open)).toMatchObject({ ok: false, error: { code: 'KEY.TOO_OPEN', message: expect.stringContaining('0644') } });
    expect(await sshTrue(connection({ keyFile: open }))).toMatchObject({ code: 255, stderr: expect.stringMatching(/UNPROTECTED PRIVATE KEY FILE/) });
  }, 30_000);

  it('says when a host name does not resolve', async () => {
    expect(await ssh.lookup('127.0.0.1')).toEqual({ ok: true, value: '127.0.0.1' });
    expect(await ssh.lookup('no-such-host.invalid')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/resolve/) } });
  }, 30_000);
});

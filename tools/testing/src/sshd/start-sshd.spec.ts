import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startSshd, SshdHarness } from './start-sshd';

const sshArgs = (h: SshdHarness, ...command: string[]) => ['-F', h.sshConfigFile, '-o', 'BatchMode=yes', 'lp-sshd', ...command];

describe(startSshd.name, () => {
  let sshd: SshdHarness;
  beforeAll(async () => {
    sshd = await startSshd();
  }, 30_000);
  afterAll(() => sshd?.stop());

  it('lets the generated client key in and proves its host key through known_hosts', async () => {
    const out = await new Promise<string>((resolve, reject) =>
      execFile('ssh', sshArgs(sshd, 'echo', 'hello-from-sshd'), (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout))),
    );
    expect(out.trim()).toBe('hello-from-sshd');
    await expect(sshd.waitForLog(/Accepted publickey for/)).resolves.toContain(sshd.user);
  }, 30_000);

  it('refuses a client key that is not in its authorized keys', async () => {
    const locked = await startSshd({ authorizedKeys: [] });
    try {
      const code = await new Promise<number | null>((resolve) => execFile('ssh', sshArgs(locked, 'true')).on('exit', resolve));
      expect(code).toBe(255);
      await expect(locked.waitForLog(/Connection closed by authenticating user|Failed publickey|maximum authentication attempts/)).resolves.toBeTruthy();
    } finally {
      await locked.stop();
    }
  }, 30_000);
});

describe('SshdHarness.stop', () => {
  it('ends open sessions too and deletes its files', async () => {
    const sshd = await startSshd();
    const client = spawn('ssh', sshArgs(sshd, 'sleep', '60'), { stdio: 'ignore' });
    const clientExit = new Promise<number | null>((resolve) => client.once('exit', (code) => resolve(code)));
    await sshd.waitForLog(/Starting session|Accepted publickey/);
    await sshd.stop();
    expect(await clientExit).not.toBe(0);
    expect(existsSync(sshd.knownHostsFile)).toBe(false);
  }, 30_000);
});

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@localport/testing/loopback';
import { EchoServer, startEchoServer } from '@localport/testing/net';
import { SshdHarness, startSshd } from '@localport/testing/sshd';
import { describeWithBuild } from './support/built-artifacts';
import { configYaml, sshService } from './support/e2e-config';
import { E2eSandbox } from './support/e2e-sandbox';

describeWithBuild('the logs directory deleted under a running daemon (built CLI + daemon, real sshd)', () => {
  let sandbox: E2eSandbox;
  let sshd: SshdHarness;
  let target: EchoServer;

  beforeAll(async () => {
    sandbox = E2eSandbox.create('logs');
    [sshd, target] = await Promise.all([startSshd(), startEchoServer()]);
    sandbox.writeConfig(configYaml([sshService('tun', await freePort(), sshd, target.port)]));
  }, 60_000);

  afterAll(async () => {
    await sandbox?.cleanup();
    await Promise.all([sshd?.stop(), target?.stop()]);
  }, 60_000);

  it('is made again, with the daemon log and the service log, by the next lines written', async () => {
    await sandbox.expectCli(['start', '--all', '--wait', '--timeout', '45'], 0, 90_000);
    const logs = join(sandbox.localportHome, 'logs');
    const daemonLog = join(logs, 'daemon.log');
    const serviceLog = join(logs, 'services', 'tun.log');
    expect(existsSync(daemonLog) && existsSync(serviceLog)).toBe(true);
    rmSync(logs, { recursive: true });
    // A restart writes to both: the daemon logs it, the service log gets the launch marker.
    await sandbox.expectCli(['restart', 'tun'], 0, 60_000);
    await sandbox.waitForStatus((s) => s.services[0].state === 'running' && s.services[0].healthy, 'tun running again');
    await sandbox.expectCli(['stop', 'tun'], 0, 30_000);
    const daemonLines = readFileSync(daemonLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { message: string; service?: string });
    expect(daemonLines.some((l) => l.service === 'tun')).toBe(true);
    expect(readFileSync(serviceLog, 'utf8')).toMatch(/=== .*starting/);
    expect((await sandbox.expectCli(['logs', 'tun', '-n', '5'], 0)).stdout).toMatch(/=== .*starting/);
    expect((await sandbox.expectCli(['logs', '-n', '50'], 0)).stdout).toMatch(/tun/);
  }, 150_000);
});

import { randomBytes } from 'node:crypto';
import { freePort } from '@localport/testing/loopback';
import { EchoServer, roundTrip, startEchoServer } from '@localport/testing/net';
import { SshdHarness, startSshd } from '@localport/testing/sshd';
import { describeWithBuild } from './support/built-artifacts';
import { configYaml, sshService } from './support/e2e-config';
import { E2eSandbox } from './support/e2e-sandbox';

const ENABLED = ['a1', 'a2', 'a3'];

describeWithBuild('localport daemon start with auto-start (built CLI + daemon, real sshd)', () => {
  let sandbox: E2eSandbox;
  let sshd: SshdHarness;
  let target: EchoServer;
  const ports: Record<string, number> = {};

  beforeAll(async () => {
    sandbox = E2eSandbox.create('auto');
    [sshd, target] = await Promise.all([startSshd(), startEchoServer()]);
    for (const name of [...ENABLED, 'off']) ports[name] = await freePort();
    sandbox.writeConfig(
      configYaml([...ENABLED.map((n) => sshService(n, ports[n], sshd, target.port)), sshService('off', ports['off'], sshd, target.port, { enabled: false })]),
    );
  }, 60_000);

  afterAll(async () => {
    await sandbox?.cleanup();
    await Promise.all([sshd?.stop(), target?.stop()]);
  }, 60_000);

  it('answers on its socket, then brings up every enabled service and leaves the disabled one alone', async () => {
    await sandbox.expectCli(['daemon', 'start'], 0, 60_000);
    // `daemon start` returns once the daemon answers; the services come up after that, on their own.
    const s = await sandbox.waitForStatus((st) => ENABLED.every((n) => st.services.some((x) => x.name === n && x.state === 'running' && x.healthy)), 'every enabled service running and healthy', 45_000);
    expect(s.services.find((x) => x.name === 'off')?.state).toBe('disabled');
    for (const n of ENABLED) {
      const payload = randomBytes(32 * 1024);
      const back = await roundTrip({ host: '127.0.0.1', port: ports[n] }, payload, 15_000);
      expect(back.equals(payload)).toBe(true);
    }
    await sandbox.expectCli(['daemon', 'stop'], 0);
    expect(sandbox.ownProcesses()).toEqual([]);
  }, 120_000);
});

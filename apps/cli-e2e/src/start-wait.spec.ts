import { freePort } from '@localport/testing/loopback';
import { describeWithBuild } from './support/built-artifacts';
import { configYaml, ServiceEntry } from './support/e2e-config';
import { E2eSandbox } from './support/e2e-sandbox';

/** An ssh service to a loopback port nobody listens on: ssh exits at once with "Connection refused". */
const refused = (name: string, localPort: number, sshPort: number, restart: Record<string, unknown>): ServiceEntry => ({
  name, technology: 'ssh', local_port: localPort, remote_port: 80,
  connection: { host: '127.0.0.1', port: sshPort, user: 'nobody', ssh_options: { BatchMode: 'yes', StrictHostKeyChecking: 'no', UserKnownHostsFile: '/dev/null' } },
  restart_policy: restart,
});

describeWithBuild('start --wait when a service fails at once (built CLI + daemon, real ssh; issue 11, defect 10)', () => {
  let sandbox: E2eSandbox;

  beforeAll(async () => {
    sandbox = E2eSandbox.create('wait');
    const closed = await freePort();
    sandbox.writeConfig(configYaml([
      refused('web', await freePort(), closed, { enabled: false }),
      // Retries forever: --wait must not wait for it once web has failed.
      refused('api', await freePort(), closed, { initial_delay: 0.5, max_delay: 1, max_attempts: 0 }),
    ]));
  }, 30_000);

  afterAll(async () => {
    expect(await sandbox?.cleanup()).toEqual([]);
  }, 60_000);

  it("gives the failed service's reason and code as soon as it fails, not a timeout", async () => {
    const r = await sandbox.expectCli(['start', 'web', 'api', '--wait', '--timeout', '60'], 1, 90_000);
    expect(r.ms).toBeLessThan(30_000);
    expect(r.stderr).toMatch(/^error: web failed: .*Connection refused/m);
    expect(r.stderr).toMatch(/^ {2}web: failed \(.*Connection refused.*\) \[[A-Z]+\.[A-Z_.]+\]$/m);
    expect(r.stderr).not.toMatch(/not healthy within|within 60 s/);
    const json = await sandbox.expectCli(['start', 'web', '--wait', '--timeout', '60', '-o', 'json'], 1, 90_000);
    const error = (JSON.parse(json.stdout.trim().split('\n').pop() ?? '{}') as { error?: { code: string; message: string } }).error;
    expect(error?.message).toMatch(/^web failed: .*Connection refused/);
    expect(error?.code).toMatch(/^[A-Z]+\.[A-Z_.]+$/);
    expect(error?.code).not.toBe('SERVICE.NOT_HEALTHY');
    const web = (await sandbox.status()).services.find((s) => s.name === 'web') as { lastErrorCode?: string | null };
    expect(web.lastErrorCode).toBe(error?.code);
  }, 120_000);
});

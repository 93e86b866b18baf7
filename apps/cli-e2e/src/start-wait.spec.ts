import { createServer, Server } from 'node:net';
import { freePort } from '@localport/testing/loopback';
import { describeWithBuild } from './support/built-artifacts';
import { configYaml, ServiceEntry } from './support/e2e-config';
import { E2eSandbox } from './support/e2e-sandbox';

/**
 * An ssh service to a loopback port that accepts and hangs up at once: the host answers (so the service does
 * not wait for it), and ssh exits at once ("Connection closed by remote host").
 */
const hungUp = (name: string, localPort: number, sshPort: number, restart: Record<string, unknown>): ServiceEntry => ({
  name, technology: 'ssh', local_port: localPort, remote_port: 80,
  connection: { host: '127.0.0.1', port: sshPort, user: 'nobody', ssh_options: { BatchMode: 'yes', StrictHostKeyChecking: 'no', UserKnownHostsFile: '/dev/null' } },
  restart_policy: restart,
});

describeWithBuild('start --wait when a service fails at once (built CLI + daemon, real ssh; issue 11, defect 10)', () => {
  let sandbox: E2eSandbox;
  let server: Server;

  beforeAll(async () => {
    sandbox = E2eSandbox.create('wait');
    server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const hangsUp = (server.address() as { port: number }).port;
    sandbox.writeConfig(configYaml([
      hungUp('web', await freePort(), hangsUp, { enabled: false }),
      // Retries forever: --wait must not wait for it once web has failed.
      hungUp('api', await freePort(), hangsUp, { initial_delay: 0.5, max_delay: 1, max_attempts: 0 }),
    ]));
  }, 30_000);

  afterAll(async () => {
    server?.close();
    expect(await sandbox?.cleanup()).toEqual([]);
  }, 60_000);

  it("gives the failed service's reason and code as soon as it fails, not a timeout", async () => {
    const r = await sandbox.expectCli(['start', 'web', 'api', '--wait', '--timeout', '60'], 1, 90_000);
    expect(r.ms).toBeLessThan(30_000);
    expect(r.stderr).toMatch(/^error: web failed: .*(closed|reset)/im);
    expect(r.stderr).toMatch(/^ {2}web: failed \(.*(closed|reset).*\) \[[A-Z]+\.[A-Z_.]+\]$/im);
    expect(r.stderr).not.toMatch(/not healthy within|within 60 s/);
    const json = await sandbox.expectCli(['start', 'web', '--wait', '--timeout', '60', '-o', 'json'], 1, 90_000);
    const error = (JSON.parse(json.stdout.trim().split('\n').pop() ?? '{}') as { error?: { code: string; message: string } }).error;
    expect(error?.message).toMatch(/^web failed: .*(closed|reset)/i);
    expect(error?.code).toMatch(/^[A-Z]+\.[A-Z_.]+$/);
    expect(error?.code).not.toBe('SERVICE.NOT_HEALTHY');
    const web = (await sandbox.status()).services.find((s) => s.name === 'web') as { lastErrorCode?: string | null };
    expect(web.lastErrorCode).toBe(error?.code);
  }, 120_000);
});

import { join } from 'node:path';
import { defaultDemoState, FakeKubeApiServer, startFakeKubeApiServer } from '@localport/testing/kube';
import { freePort } from '@localport/testing/loopback';
import { EchoServer, startEchoServer } from '@localport/testing/net';
import { describeWithBuild } from './support/built-artifacts';
import { configYaml, kubectlService } from './support/e2e-config';
import { E2eSandbox } from './support/e2e-sandbox';
import { runCommand } from './support/run-command';

describeWithBuild('localport env and exec (built CLI, real bash, real forwards)', () => {
  let sandbox: E2eSandbox;
  let api: FakeKubeApiServer;
  let pod: EchoServer;
  const port = { web: 0, db: 0, site: 0 };

  beforeAll(async () => {
    sandbox = E2eSandbox.create('envx');
    pod = await startEchoServer();
    const state = defaultDemoState();
    state.portTargets = { 'default/web-0': { 80: { host: '127.0.0.1', port: pod.port } } };
    api = await startFakeKubeApiServer({ state });
    api.writeKubeconfig(sandbox.kubeconfig, { contextName: 'e2e' });
    for (const k of Object.keys(port) as (keyof typeof port)[]) port[k] = await freePort();
    const target = { type: 'service', name: 'web', port: 8080, context: 'e2e' };
    sandbox.writeConfig(configYaml([
      kubectlService('web-api', port.web, target, { tags: ['front'] }),
      // Never started here (disabled): env reads the config alone, exec only what it is asked for.
      kubectlService('orders-db', port.db, { ...target, name: 'postgres', port: 5432 }, { enabled: false, health_check: { type: 'postgres', config: { database: 'orders', user: 'app', password: 'secret' } } }),
      kubectlService('site', port.site, target, { enabled: false, bind_address: '0.0.0.0', health_check: { type: 'http', config: { path: '/healthz' } } }),
    ]));
  }, 60_000);

  afterAll(async () => {
    expect(await sandbox.cleanup()).toEqual([]);
    await Promise.all([api?.close(), pod?.stop()]);
  }, 60_000);

  it('env prints HOST/PORT/URL exports that a real bash can eval, URL schemes from the health check, no daemon needed', async () => {
    const r = await sandbox.expectCli(['env', 'web-api', 'orders-db', 'site'], 0);
    const shown = await runCommand('bash', ['-c', 'eval "$1"; echo "$WEB_API_HOST $WEB_API_PORT $WEB_API_URL|$ORDERS_DB_URL|$SITE_HOST $SITE_URL"', 'bash', r.stdout], { cwd: sandbox.home, env: sandbox.env });
    expect(shown.stdout.trim()).toBe(`127.0.0.1 ${port.web} tcp://127.0.0.1:${port.web}|postgresql://app@127.0.0.1:${port.db}/orders|127.0.0.1 http://127.0.0.1:${port.site}`);
    expect(r.stdout).not.toContain('secret');
    expect(sandbox.ownProcesses()).toEqual([]);
  }, 60_000);

  it('env: all enabled services by default, --tag, dotenv and json formats; an unknown name is exit 2', async () => {
    expect((await sandbox.expectCli(['env'], 0)).stdout).toBe(`export WEB_API_HOST=127.0.0.1\nexport WEB_API_PORT=${port.web}\nexport WEB_API_URL=tcp://127.0.0.1:${port.web}\n`);
    expect((await sandbox.expectCli(['env', '--tag', 'front', '--format', 'dotenv'], 0)).stdout).toBe(`WEB_API_HOST=127.0.0.1\nWEB_API_PORT=${port.web}\nWEB_API_URL=tcp://127.0.0.1:${port.web}\n`);
    const json = JSON.parse((await sandbox.expectCli(['env', 'site', '--format', 'json'], 0)).stdout);
    expect(json).toEqual({
      variables: { SITE_HOST: '127.0.0.1', SITE_PORT: String(port.site), SITE_URL: `http://127.0.0.1:${port.site}` },
      services: [{ name: 'site', host: '127.0.0.1', port: port.site, url: `http://127.0.0.1:${port.site}` }],
    });
    expect(JSON.parse((await sandbox.expectCli(['env', 'site', '-o', 'json'], 0)).stdout)).toEqual(json);
    expect((await sandbox.expectCli(['env', 'nope'], 2)).stderr).toMatch(/unknown service: nope/);
  }, 60_000);

  it('exec starts the daemon and the service, waits until healthy, runs the command with the variables, and exits with its code', async () => {
    // The command talks through the forward to the echo server behind it, using only the variables it was given.
    const script = 'exec 3<>"/dev/tcp/$WEB_API_HOST/$WEB_API_PORT"; echo "ping $WEB_API_URL" >&3; read -r line <&3; echo "got: $line"; exit 7';
    const r = await sandbox.expectCli(['exec', 'web-api', '--', 'bash', '-c', script], 7, 90_000);
    expect(r.stdout).toBe(`got: ping tcp://127.0.0.1:${port.web}\n`); // nothing but the command's output
    expect(pod.connections()).toBeGreaterThan(0);
    const status = await sandbox.status();
    expect(status.services.find((s) => s.name === 'web-api')).toMatchObject({ state: 'running', healthy: true });
    expect(status.services.find((s) => s.name === 'orders-db')?.state).not.toBe('running');
    // Already running: exec does not start anything twice, and arguments after -- are the command's, flags included.
    const again = await sandbox.expectCli(['exec', 'web-api', '--', 'bash', '-c', 'echo "$0 $WEB_API_PORT"', '--timeout'], 0);
    expect(again.stdout).toBe(`--timeout ${port.web}\n`);
  }, 120_000);

  it('exec: no command is exit 2, a command that does not exist is 127, a signal-killed command is 128+N', async () => {
    expect((await sandbox.expectCli(['exec', 'web-api'], 2)).stderr).toMatch(/name the command to run after '--'/);
    expect((await sandbox.expectCli(['exec', 'web-api', '--', join(sandbox.dir, 'no-such-program')], 127)).stderr).toMatch(/command not found/);
    await sandbox.expectCli(['exec', 'web-api', '--', 'bash', '-c', 'kill -TERM $$'], 128 + 15);
  }, 60_000);
});

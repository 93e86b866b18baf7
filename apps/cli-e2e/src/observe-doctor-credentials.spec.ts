import { defaultDemoState, FakeKubeApiServer, startFakeKubeApiServer } from '@localport/testing/kube';
import { freePort } from '@localport/testing/loopback';
import { RunningPostgres, startPostgres } from '@localport/testing/postgres';
import { describeWithBuild } from './support/built-artifacts';
import { configYaml, kubectlService } from './support/e2e-config';
import { E2eSandbox } from './support/e2e-sandbox';

interface Check { id: string; status: string; detail: string; fix?: string }

describeWithBuild('localport doctor: PostgreSQL credentials through the forward (built CLI, real PostgreSQL)', () => {
  let sandbox: E2eSandbox;
  let api: FakeKubeApiServer;
  let pg: RunningPostgres;

  beforeAll(async () => {
    sandbox = E2eSandbox.create('cred');
    [api, pg] = await Promise.all([startFakeKubeApiServer({ state: defaultDemoState() }), startPostgres()]);
    api.state.portTargets = { 'default/postgres-0': { 5432: { host: '127.0.0.1', port: pg.port } } };
    api.writeKubeconfig(sandbox.kubeconfig, { contextName: 'e2e' });
    // A long interval and a high threshold keep a service with refused credentials `running` (not restarted) while doctor looks.
    const check = (password: string) => ({ health_check: { type: 'postgres', interval: 3600, failure_threshold: 100, config: { database: pg.database, user: pg.user, password } } });
    const target = { type: 'pod', name: 'postgres-0', port: 5432, context: 'e2e' };
    sandbox.writeConfig(configYaml([
      kubectlService('good', await freePort(), target, check(pg.password)),
      kubectlService('bad', await freePort(), target, check('not-the-password')),
      kubectlService('idle', await freePort(), target, check(pg.password)),
    ]));
    await sandbox.expectCli(['start', 'good', 'bad'], 0, 90_000);
    await sandbox.waitForStatus((s) => ['good', 'bad'].every((n) => s.services.some((x) => x.name === n && x.state === 'running')), 'good and bad running');
  }, 120_000);

  afterAll(async () => {
    await sandbox?.cleanup();
    await Promise.all([api?.close(), pg?.stop()]);
  }, 60_000);

  it('passes accepted credentials, fails refused ones with the server words, skips a service that is not running', async () => {
    const r = JSON.parse((await sandbox.expectCli(['doctor', '-o', 'json'], 1, 60_000)).stdout) as { ok: boolean; checks: Check[] };
    const byId = (id: string) => r.checks.find((c) => c.id === id);
    expect(byId('credentials:good')).toMatchObject({ status: 'pass' });
    expect(byId('credentials:bad')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/password authentication failed/), fix: expect.stringContaining('health_check of bad') });
    expect(byId('credentials:idle')).toMatchObject({ status: 'skip', detail: expect.stringContaining("'localport start idle'") });
    // The daemon holds the running services' ports: those pass.
    expect(byId('port:good')).toMatchObject({ status: 'pass', detail: expect.stringContaining('LocalPort daemon') });
    expect(byId('daemon.socket')).toMatchObject({ status: 'pass', detail: 'private (0600)' });
  }, 60_000);
});

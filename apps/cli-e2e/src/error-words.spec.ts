import { connect } from 'node:net';
import { defaultDemoState, FakeKubeApiServer, startFakeKubeApiServer } from '@localport/testing/kube';
import { freePort } from '@localport/testing/loopback';
import { describeWithBuild } from './support/built-artifacts';
import { configYaml, kubectlService } from './support/e2e-config';
import { E2eSandbox } from './support/e2e-sandbox';
import { serviceOf } from './support/status-json';

const CONTEXT = 'e2e';

describeWithBuild('failures in user words (built CLI + daemon, real kubectl)', () => {
  let sandbox: E2eSandbox;
  let api: FakeKubeApiServer;
  let port = 0;

  beforeAll(async () => {
    sandbox = E2eSandbox.create('words');
    const state = defaultDemoState();
    // The pod runs, but nothing listens on its port 80: the kubelet refuses every forwarded connection.
    state.portTargets = {};
    api = await startFakeKubeApiServer({ state });
    api.writeKubeconfig(sandbox.kubeconfig, { contextName: CONTEXT });
    port = await freePort();
    sandbox.writeConfig(configYaml([kubectlService('web', port, { type: 'pod', name: 'web-0', port: 80, context: CONTEXT })]));
  }, 60_000);

  afterAll(async () => {
    await sandbox?.cleanup();
    await api?.close();
  }, 60_000);

  it('nothing listening in the pod: status says so (not only "lost connection to pod"); the service log keeps the raw line', async () => {
    await sandbox.expectCli(['start', 'web'], 0, 60_000);
    // A client (and the tcp health check) make kubectl forward a connection the pod refuses.
    const client = connect({ host: '127.0.0.1', port });
    client.on('error', () => undefined);
    client.write('x');
    const s = await sandbox.waitForStatus((st) => /nothing is listening/.test(serviceOf(st, 'web').lastError ?? ''), 'web says why', 45_000);
    client.destroy();
    expect(serviceOf(s, 'web').lastError).toBe('kubectl: nothing is listening on port 80 inside the pod (it refused the connection) (POD.NOTHING_LISTENING); kubectl then lost its connection to the pod');
    expect((await sandbox.expectCli(['logs', 'web', '-n', '0'], 0)).stdout).toMatch(/connection refused/);
  }, 90_000);
});

import { RecordingLogger } from '@localport/application/testing';
import { kubectlEnv } from '@localport/testing/kube';
import { echoes } from '../kube-native/testing/kube-client-traffic';
import { KubeForwardFixture, kubeService } from '../kube-native/testing/kube-forward-fixture';
import { kubectlUpstream } from './kubectl-upstream';

jest.setTimeout(90_000);

describe(kubectlUpstream.name, () => {
  const fx = new KubeForwardFixture();
  const upstream = () => kubectlUpstream({ env: kubectlEnv(fx.dir), runtimeDir: fx.dir, logger: new RecordingLogger() });

  beforeAll(() => fx.setUp());
  beforeEach(() => fx.reset());
  afterEach(() => fx.afterEach());
  afterAll(() => fx.tearDown());

  it('forwarder native (and a hand-built service naming none): in-process, no child, status sees the pod', async () => {
    for (const forwarder of ['native', undefined] as const) {
      const { tunnel, port } = await fx.relay(upstream(), kubeService({ resourceType: 'deployment', resourceName: 'web', forwarder }, 80));
      expect(tunnel.pid).toBeNull();
      expect(tunnel.endpoint.kind).toBe('stream');
      expect(tunnel.route?.()).toEqual({ forwarder: 'native', pod: 'default/web-a' });
      expect(await echoes(port, 1024)).toBe(true);
    }
  });

  it('forwarder kubectl: a kubectl port-forward child on an ephemeral port, as before', async () => {
    const { tunnel, port } = await fx.relay(upstream(), kubeService({ resourceType: 'deployment', resourceName: 'web', forwarder: 'kubectl' }, 80));
    expect(tunnel.pid).toEqual(expect.any(Number));
    expect(tunnel.endpoint).toMatchObject({ kind: 'tcp', host: '127.0.0.1' });
    expect(tunnel.route?.()).toEqual({ forwarder: 'kubectl', pod: null });
    expect(await echoes(port, 1024)).toBe(true);
  });
});

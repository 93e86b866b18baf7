import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { minorSkew } from '@localport/application';
import { FakeKubeApiServer, kubectlEnv, kubeVersion, startFakeKubeApiServer } from '@localport/testing/kube';
import { freePort } from '@localport/testing/loopback';
import { KubectlCliDiagnostics } from './kubectl-diagnostics.adapter';

describe(KubectlCliDiagnostics.name, () => {
  let api: FakeKubeApiServer;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lp-doctor-kube-'));
    api = await startFakeKubeApiServer();
    api.writeKubeconfig(join(dir, 'kubeconfig'), { contextName: 'good', extraContexts: [{ name: 'down', server: `http://127.0.0.1:${await freePort()}` }] });
    env = kubectlEnv(dir);
  }, 30_000);
  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the server version and may list pods through a good context', async () => {
    const kubectl = new KubectlCliDiagnostics({ env });
    expect(await kubectl.clientVersion()).toMatchObject({ ok: true, value: { major: 1 } });
    expect(await kubectl.serverVersion('good')).toMatchObject({ ok: true, value: { major: 1, minor: 32 } });
    expect(await kubectl.serverVersion(undefined)).toMatchObject({ ok: true, value: { minor: 32 } });
    expect(await kubectl.canListPods('good', 'default')).toEqual({ ok: true, value: undefined });
  }, 60_000);

  it('names a context that is not in the kubeconfig, and one whose server is down', async () => {
    const kubectl = new KubectlCliDiagnostics({ env });
    expect(await kubectl.serverVersion('wrong')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/context "wrong" does not exist/) } });
    expect(await kubectl.serverVersion('down')).toMatchObject({ ok: false, error: { code: 'CLUSTER.UNREACHABLE', message: expect.stringMatching(/refused/) } });
    expect(await kubectl.canListPods('down', 'default')).toMatchObject({ ok: false, error: { code: 'CLUSTER.UNREACHABLE' } });
  }, 60_000);

  it('sees the skew between a pinned kubectl 1.32 and a 1.29 server', async () => {
    api.state.version = kubeVersion(29);
    try {
      const kubectl = new KubectlCliDiagnostics({ env, kubectl: '/usr/lib/google-cloud-sdk/bin/kubectl.1.32' });
      const client = await kubectl.clientVersion();
      const server = await kubectl.serverVersion('good');
      if (!client.ok || !server.ok) throw new Error('versions expected');
      expect(minorSkew(client.value, server.value)).toBe(3);
    } finally {
      api.state.version = kubeVersion(32, 4);
    }
  }, 60_000);

  it('reports a kubectl that cannot be run', async () => {
    expect(await new KubectlCliDiagnostics({ env, kubectl: join(dir, 'no-kubectl') }).clientVersion()).toMatchObject({ ok: false, error: { code: 'CLUSTER.CLIENT_MISSING' } });
  });
});

import type { KubeConfig } from '@kubernetes/client-node';
import { KubeApiClients } from './kube-api-clients';

jest.setTimeout(60_000);

/** A kubeconfig with contexts a and b, a on `server`. */
async function kubeconfig(server: string): Promise<KubeConfig> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'ca', server, skipTLSVerify: true }, { name: 'cb', server: 'http://127.0.0.1:2', skipTLSVerify: true }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'a', cluster: 'ca', user: 'u' }, { name: 'b', cluster: 'cb', user: 'u' }],
    currentContext: 'b',
  });
  return kc;
}

describe(KubeApiClients.name, () => {
  it('gives one client per context, the current one for undefined, and a new one only when its entries change', async () => {
    let server = 'http://127.0.0.1:1';
    const clients = new KubeApiClients(() => kubeconfig(server));
    const a1 = await clients.get('a');
    const a2 = await clients.get('a');
    const current = await clients.get(undefined);
    if (!a1.ok || !a2.ok || !current.ok) throw new Error('expected clients');
    expect(a2.value).toBe(a1.value);
    expect(current.value.context).toBe('b');
    expect(current.value).toBe((await clients.get('b')).ok && (await clients.get('b') as { value: unknown }).value);
    server = 'http://127.0.0.1:3';
    const a3 = await clients.get('a');
    expect(a3.ok && a3.value).not.toBe(a1.value);
    expect(a3.ok && a3.value.server).toBe('http://127.0.0.1:3');
    expect((await clients.get('b')).ok && (await clients.get('b') as { value: unknown }).value).toBe(current.value);
  });

  it('a context the kubeconfig lacks, or no kubeconfig, is a not-found failure', async () => {
    expect(await new KubeApiClients(() => kubeconfig('http://127.0.0.1:1')).get('nope')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await new KubeApiClients(() => null).get('a')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });
});

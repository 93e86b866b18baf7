import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { delimiter, join } from 'node:path';
import { KubeconfigContexts } from './kubeconfig-contexts.adapter';
import { loadKubeConfig } from './kubeconfig-loader';

const kubeconfig = (contexts: string[], current: string | null, server = 'https://127.0.0.1:1'): string =>
  [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    ...contexts.map((c) => `- name: ${c}\n  cluster:\n    server: ${server}`),
    'users:',
    ...contexts.map((c) => `- name: ${c}\n  user:\n    token: t-${c}`),
    'contexts:',
    ...contexts.map((c) => `- name: ${c}\n  context:\n    cluster: ${c}\n    user: ${c}`),
    ...(current ? [`current-context: ${current}`] : []),
    '',
  ].join('\n');

const kubectl = async (env: NodeJS.ProcessEnv, ...args: string[]): Promise<string> =>
  (await promisify(execFile)('kubectl', args, { env: { ...process.env, ...env } })).stdout.trim();

describe(KubeconfigContexts.name, () => {
  // The adapter loads client-node at first use; load (and transform) it here, once, not inside the first test.
  beforeAll(() => import('@kubernetes/client-node'), 120_000);
  let dir: string;
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lp-kubeconfig-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the contexts and the current one of the KUBECONFIG file', async () => {
    const contexts = new KubeconfigContexts({ env: { KUBECONFIG: file('config', kubeconfig(['dev', 'prod'], 'prod')) } });
    expect(await contexts.list()).toEqual(['dev', 'prod']);
    expect(await contexts.current()).toBe('prod');
  });

  it('merges several KUBECONFIG files the way kubectl does: first current-context and first definition win, missing files are skipped', async () => {
    const a = file('a', kubeconfig(['dev'], null));
    const b = file('b', kubeconfig(['staging', 'dev'], 'staging', 'https://127.0.0.1:2'));
    const c = file('c', kubeconfig(['prod'], 'prod'));
    const env = { KUBECONFIG: [a, join(dir, 'missing'), b, c].join(delimiter) };
    const contexts = new KubeconfigContexts({ env });
    expect(await contexts.list()).toEqual(['dev', 'staging', 'prod']);
    expect(await contexts.current()).toBe('staging');
    // The real kubectl agrees.
    expect((await kubectl(env, 'config', 'get-contexts', '-o', 'name')).split('\n').sort()).toEqual(['dev', 'prod', 'staging']);
    expect(await kubectl(env, 'config', 'current-context')).toBe('staging');
    expect(await kubectl(env, 'config', 'view', '--minify', '--context', 'dev', '-o', 'jsonpath={.clusters[0].cluster.server}')).toBe('https://127.0.0.1:1');
    const kc = await loadKubeConfig({ env });
    kc?.setCurrentContext('dev');
    expect(kc?.getCurrentCluster()?.server).toBe('https://127.0.0.1:1');
  });

  it('falls back to ~/.kube/config when KUBECONFIG is unset', async () => {
    mkdirSync(join(dir, '.kube'));
    file('.kube/config', kubeconfig(['home'], 'home'));
    const contexts = new KubeconfigContexts({ env: {}, homeDir: dir });
    expect(await contexts.list()).toEqual(['home']);
    expect(await contexts.current()).toBe('home');
  });

  it('reports no contexts when there is no kubeconfig, or only a broken one', async () => {
    const none = new KubeconfigContexts({ env: {}, homeDir: dir });
    expect(await none.list()).toEqual([]);
    expect(await none.current()).toBeNull();
    const broken = new KubeconfigContexts({ env: { KUBECONFIG: file('broken', 'clusters: [: nope') } });
    expect(await broken.list()).toEqual([]);
    expect(await broken.current()).toBeNull();
  });

  it('sees edits of the file without being recreated', async () => {
    const path = file('config', kubeconfig(['dev'], 'dev'));
    const contexts = new KubeconfigContexts({ env: { KUBECONFIG: path } });
    expect(await contexts.list()).toEqual(['dev']);
    writeFileSync(path, kubeconfig(['dev', 'qa'], 'qa'));
    expect(await contexts.list()).toEqual(['dev', 'qa']);
    expect(await contexts.current()).toBe('qa');
  });
});

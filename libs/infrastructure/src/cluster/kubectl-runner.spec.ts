import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSilentServer } from '@localport/testing/loopback';
import { runKubectl } from './kubectl-runner';

describe(runKubectl.name, () => {
  let dir: string;
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  let env: NodeJS.ProcessEnv;
  const never = new AbortController().signal;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lp-kubectl-runner-'));
    silent = await startSilentServer();
    const kubeconfig = join(dir, 'config');
    writeFileSync(
      kubeconfig,
      `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: ${silent.url}\n- name: d\n  cluster:\n    server: http://127.0.0.1:1\n` +
        `contexts:\n- name: hung\n  context:\n    cluster: c\n    user: u\n- name: down\n  context:\n    cluster: d\n    user: u\n` +
        `users:\n- name: u\n  user: {}\ncurrent-context: down\n`,
    );
    env = { ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(dir, 'cache') };
  });
  afterAll(async () => {
    await silent.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resolves with stdout of a successful run', async () => {
    const r = await runKubectl(['config', 'current-context'], { binary: 'kubectl', env, timeoutMs: 20_000, signal: never });
    expect(r).toEqual({ ok: true, value: 'down\n' });
  });

  it('reports a missing binary', async () => {
    const r = await runKubectl(['version'], { binary: join(dir, 'no-kubectl'), env, timeoutMs: 5000, signal: never });
    expect(r).toMatchObject({ ok: false, error: { code: 'CLUSTER.CLIENT_MISSING', message: expect.stringContaining('ENOENT') } });
  });

  it('kills kubectl when the timeout passes and says which command hung', async () => {
    const started = Date.now();
    const r = await runKubectl(['get', '--raw', '/readyz', '--context', 'hung'], { binary: 'kubectl', env, timeoutMs: 1500, signal: never });
    expect(r).toMatchObject({ ok: false, error: { code: 'CLUSTER.TIMEOUT', message: 'kubectl get --raw /readyz timed out after 1500 ms' } });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('kills kubectl when the check is aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const r = await runKubectl(['get', 'nodes', '--context', 'hung'], { binary: 'kubectl', env, timeoutMs: 30_000, signal: controller.signal });
    expect(r).toMatchObject({ ok: false, error: { code: 'CLUSTER.ABORTED' } });
  });
});

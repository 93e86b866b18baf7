import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClusterCheckOutcome, ClusterHealthSettings, ClusterObservation, DEFAULT_CLUSTER_HEALTH } from '@localport/domain';
import { FakeKubeApiServer, FakeKubeApiServerOptions, startFakeKubeApiServer } from '@localport/testing/kube';
import { startSilentServer } from '@localport/testing/loopback';

export const CONTEXTS = { fake: 'fake', down: 'down', hung: 'hung' } as const;

/** The fake API server, a silent one, and a kubeconfig with contexts for both plus a closed port. */
export interface ProbeFixture {
  readonly server: FakeKubeApiServer;
  readonly dir: string;
  /** process.env plus KUBECONFIG and a private KUBECACHEDIR. */
  env(cacheName?: string): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function startProbeFixture(opts: FakeKubeApiServerOptions = {}): Promise<ProbeFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'lp-cluster-probe-'));
  const server = await startFakeKubeApiServer(opts);
  const silent = await startSilentServer();
  const kubeconfig = join(dir, 'kubeconfig');
  server.writeKubeconfig(kubeconfig, {
    contextName: CONTEXTS.fake,
    extraContexts: [{ name: CONTEXTS.down, server: 'http://127.0.0.1:1' }, { name: CONTEXTS.hung, server: silent.url }],
  });
  return {
    server,
    dir,
    env: (cacheName = 'cache') => ({ ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(dir, cacheName) }),
    close: async () => {
      await server.close();
      await silent.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Generous per-command timeout for a busy 2-core machine, no retries unless asked. */
export const testSettings = (over: Partial<ClusterHealthSettings> = {}): ClusterHealthSettings => ({
  ...DEFAULT_CLUSTER_HEALTH, timeoutMs: 20_000, retryAttempts: 0, ...over,
  commands: { ...DEFAULT_CLUSTER_HEALTH.commands, ...(over.commands ?? {}) },
});
export const withEvents: { includeEvents: boolean; signal: AbortSignal } = { includeEvents: true, signal: new AbortController().signal };
export const withoutEvents: { includeEvents: boolean; signal: AbortSignal } = { includeEvents: false, signal: new AbortController().signal };

export const NOW = 1_750_000_000_000;

export function observed(outcome: ClusterCheckOutcome): ClusterObservation {
  if (!outcome.reachable) throw new Error(`expected a reachable outcome, got: ${outcome.error}`);
  return outcome.observation;
}

import type { KubeConfig } from '@kubernetes/client-node';
import { err, ok, Result } from '@localport/domain';
import { KubeApiClient } from './kube-api-client';
import { KubeApiFailure } from './kube-api-failure';

/** Loads the kubeconfig (kubectl's merge rules); null when there is none. */
export type KubeConfigLoader = () => KubeConfig | null | Promise<KubeConfig | null>;

/** The kubeconfig entries one context's client is built from; a change in any of them means a new client. */
const fingerprint = (kc: KubeConfig, name: string): string => {
  const context = kc.getContextObject(name);
  return JSON.stringify([context, context ? kc.getCluster(context.cluster) : null, context?.user ? kc.getUser(context.user) : null]);
};

/**
 * One {@link KubeApiClient} per kubeconfig context, created on first use and shared by every service of that context
 * and by the `api` cluster probe. The kubeconfig is re-read on every `get`; a context whose cluster, user or context
 * entry changed gets a new client (forwards already running keep theirs).
 */
export class KubeApiClients {
  private readonly clients = new Map<string, { client: KubeApiClient; fingerprint: string }>();

  constructor(private readonly load: KubeConfigLoader) {}

  /** The client of `context` (the kubeconfig's current one when undefined). */
  async get(context: string | undefined): Promise<Result<KubeApiClient, KubeApiFailure>> {
    const kc = await this.load();
    if (!kc) return err(new KubeApiFailure('not-found', 'no kubeconfig found (KUBECONFIG or ~/.kube/config)'));
    const name = context ?? kc.getCurrentContext();
    if (!name || !kc.getContextObject(name)) return err(new KubeApiFailure('not-found', `context "${name ?? ''}" is not in the kubeconfig`));
    const print = fingerprint(kc, name);
    const cached = this.clients.get(name);
    if (cached && cached.fingerprint === print) return ok(cached.client);
    // client-node is loaded lazily (a daemon without Kubernetes never pays for it); the loader already did.
    const { KubeConfig } = await import('@kubernetes/client-node');
    const own = new KubeConfig();
    own.loadFromOptions({ clusters: kc.clusters, users: kc.users, contexts: kc.contexts, currentContext: name });
    const client = new KubeApiClient(own, name);
    this.clients.set(name, { client, fingerprint: print });
    return ok(client);
  }
}

import { performance } from 'node:perf_hooks';
import type { ConfigurationOptions, KubeConfig, ObservableMiddleware, RequestContext, ResponseContext } from '@kubernetes/client-node';
import { ClusterProbe, ClusterProbeOptions } from '@localport/application';
import { ClusterCheckOutcome, ClusterHealthSettings, err, ok, Result } from '@localport/domain';
import { runClusterCheck } from './cluster-check';
import { ClusterProbeError } from './cluster-probe.errors';
import { httpFailure, kubeApiFailure } from './kube-api-errors';
import { getRaw, requestSignal } from './kube-api-request';
import { toClusterEvents, toNodeStatuses, toPodStatuses } from './kube-resource.mapper';
import { KubeconfigLocation, loadKubeConfig } from './kubeconfig-loader';
import { importOptional } from '../optional/optional-dependency';
import type { KubeApiClients } from '../kube-native/kube-api-clients';

/** Construction options of `ApiClusterProbe`; every field has a production default. */
export interface ApiClusterProbeOptions extends KubeconfigLocation {
  /** Clock for `checkedAt`/`at` (epoch ms). */
  readonly now?: () => number;
  /** First retry delay, doubled per retry (default 1000 ms: 1 s, 2 s, 4 s ...). */
  readonly backoffBaseMs?: number;
  /** The daemon's one API client per context, shared with the native forwarder; without it the probe loads the kubeconfig itself. */
  readonly clients?: KubeApiClients;
}

type KubeClient = typeof import('@kubernetes/client-node');

/** Per-request options of the generated client that put our signal (timeout, abort) on the request. */
const withSignal = (Observable: KubeClient['Observable'], signal: AbortSignal): ConfigurationOptions<ObservableMiddleware> => ({
  middleware: [
    {
      pre: (ctx: RequestContext) => {
        ctx.setSignal(signal);
        return new Observable(Promise.resolve(ctx));
      },
      post: (res: ResponseContext) => new Observable(Promise.resolve(res)),
    },
  ],
  middlewareMergeStrategy: 'append',
});

/**
 * ClusterProbe over the Kubernetes API with @kubernetes/client-node, reading the same kubeconfig as
 * kubectl (re-read on every check). Gives the same observation as `KubectlClusterProbe` on the same server.
 */
export class ApiClusterProbe implements ClusterProbe {
  readonly provider = 'api' as const;
  private readonly now: () => number;
  private readonly backoffBaseMs: number;

  constructor(private readonly options: ApiClusterProbeOptions = {}) {
    this.now = options.now ?? Date.now;
    this.backoffBaseMs = options.backoffBaseMs ?? 1000;
  }

  async check(context: string, settings: ClusterHealthSettings, options: ClusterProbeOptions): Promise<ClusterCheckOutcome> {
    try {
      return await this.checkContext(context, settings, options);
    } catch (e) {
      return { reachable: false, error: e instanceof Error ? e.message : String(e), at: this.now() };
    }
  }

  /** The kubeconfig with `context` current (the shared client's when there is one); null when the context does not exist. */
  private async kubeConfigOf(context: string): Promise<KubeConfig | null> {
    if (this.options.clients) {
      const client = await this.options.clients.get(context);
      return client.ok ? client.value.kubeConfig : null;
    }
    const kc = await loadKubeConfig(this.options);
    if (!kc || !kc.getContextObject(context)) return null;
    kc.setCurrentContext(context);
    return kc;
  }

  private async checkContext(context: string, settings: ClusterHealthSettings, options: ClusterProbeOptions): Promise<ClusterCheckOutcome> {
    const kc = await this.kubeConfigOf(context);
    if (!kc) return { reachable: false, error: `context "${context}" does not exist`, at: this.now() };
    const server = kc.getCurrentCluster()?.server ?? '';
    // Loaded on the first check of an api-provider cluster only: see loadKubeConfig.
    const { CoreV1Api, Observable, VersionApi } = await importOptional('@kubernetes/client-node', 'the api cluster probe', () => import('@kubernetes/client-node'));
    const core = kc.makeApiClient(CoreV1Api);
    const version = kc.makeApiClient(VersionApi);
    const call = async <T>(what: string, request: (o: ConfigurationOptions<ObservableMiddleware>) => Promise<T>): Promise<Result<T, ClusterProbeError>> => {
      const req = requestSignal(settings.timeoutMs, options.signal);
      try {
        return ok(await request(withSignal(Observable, req.signal)));
      } catch (e) {
        return err(kubeApiFailure(e, server, req.abort, what));
      } finally {
        req.dispose();
      }
    };
    return runClusterCheck(
      { context, settings, options, now: this.now, backoffBaseMs: this.backoffBaseMs },
      {
        reachability: async () => {
          const started = performance.now();
          let res = await getRaw(kc, '/readyz', settings.timeoutMs, options.signal);
          // Servers older than 1.16 have no /readyz.
          if (res.ok && res.value.status === 404) res = await getRaw(kc, '/healthz', settings.timeoutMs, options.signal);
          if (!res.ok) return res;
          if (res.value.status === 200) return ok(Math.round(performance.now() - started));
          return err(res.value.status >= 500 ? notReady(res.value.status, res.value.body) : httpFailure(res.value.status, res.value.body));
        },
        serverUrl: async () => ok(server || null),
        serverVersion: async () => {
          const r = await call('GET /version', (o) => version.getCode(undefined, o));
          return r.ok ? ok(r.value.gitVersion ? r.value.gitVersion.replace(/^v/, '') : null) : r;
        },
        nodes: async () => {
          const r = await call('list nodes', (o) => core.listNode({}, o));
          return r.ok ? ok(toNodeStatuses(r.value.items)) : r;
        },
        pods: async () => {
          const r = await call('list pods', (o) => core.listPodForAllNamespaces({ fieldSelector: 'status.phase!=Succeeded' }, o));
          return r.ok ? ok(toPodStatuses(r.value.items)) : r;
        },
        events: async () => {
          const r = await call('list events', (o) => core.listEventForAllNamespaces({}, o));
          return r.ok ? ok(toClusterEvents(context, r.value.items)) : r;
        },
      },
    );
  }
}

/** readyz/healthz answering 5xx: the API server says it is not ready, which the probe treats as unreachable. */
function notReady(status: number, body: string): ClusterProbeError {
  const detail = body.split('\n').map((l) => l.trim()).filter((l) => l.length > 0).join('; ').slice(0, 300);
  return new ClusterProbeError('CLUSTER.NOT_READY', `API server is not ready (HTTP ${status})${detail ? `: ${detail}` : ''}`);
}

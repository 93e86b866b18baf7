import { KubectlConnection } from '../kubectl/kubectl-connection';
import { err, ok, Result } from '@localport/domain';
import { KubeApiClient } from './kube-api-client';
import { KubeApiFailure } from './kube-api-failure';
import { isReadyPod, KubeItem, KubeServiceItem, KubeWorkloadItem } from './kube-items';

/** One pod a connection can go to, and the container port there. */
export interface PodTarget {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly port: number;
}

/** How to follow a target: the list to watch and how to read the Ready pods out of it. */
export interface TargetPlan {
  readonly description: string;
  readonly listPath: string;
  readyPods(items: readonly KubeItem[]): PodTarget[];
}

const GET_TIMEOUT_MS = 10_000;
const q = encodeURIComponent;

function podsPlan(c: KubectlConnection, port: number, query: string, description: string): TargetPlan {
  return {
    description,
    listPath: `/api/v1/namespaces/${q(c.namespace)}/pods?${query}`,
    readyPods: (items) => items.filter(isReadyPod).map((p) => ({ namespace: c.namespace, name: p.metadata.name, uid: p.metadata.uid ?? p.metadata.name, port })),
  };
}

function selectorQuery(w: KubeWorkloadItem, what: string): Result<string, KubeApiFailure> {
  const sel = w.spec?.selector;
  const parts = Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel?.matchExpressions ?? []) {
    if (e.operator === 'In' || e.operator === 'NotIn') parts.push(`${e.key} ${e.operator.toLowerCase()} (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.length > 0 ? ok(`labelSelector=${q(parts.join(','))}`) : err(new KubeApiFailure('not-found', `${what} has no pod selector`));
}

/**
 * Resolves a kubectl connection to what to watch. `pod` watches that pod by name (a recreated pod with a new uid
 * is followed); `deployment`/`statefulset` watch the pods of their selector; `service` watches its EndpointSlices,
 * with the service port `remotePort` mapped to the slice's target port (named or numbered), as kubectl maps it.
 */
export async function planTarget(client: KubeApiClient, c: KubectlConnection, remotePort: number): Promise<Result<TargetPlan, KubeApiFailure>> {
  const ns = q(c.namespace);
  const what = `${c.resourceType}/${c.resourceName} in namespace ${c.namespace}`;
  if (c.resourceType === 'pod') {
    // Checked once so a typo fails the launch as kubectl's does; afterwards a recreated pod of that name is followed.
    const got = await client.getJson<KubeItem>(`/api/v1/namespaces/${ns}/pods/${q(c.resourceName)}`, GET_TIMEOUT_MS);
    if (!got.ok) return got;
    return ok(podsPlan(c, remotePort, `fieldSelector=${q(`metadata.name=${c.resourceName}`)}`, what));
  }
  if (c.resourceType === 'deployment' || c.resourceType === 'statefulset') {
    const got = await client.getJson<KubeWorkloadItem>(`/apis/apps/v1/namespaces/${ns}/${c.resourceType}s/${q(c.resourceName)}`, GET_TIMEOUT_MS);
    if (!got.ok) return got;
    const query = selectorQuery(got.value, what);
    return query.ok ? ok(podsPlan(c, remotePort, query.value, what)) : query;
  }
  const got = await client.getJson<KubeServiceItem>(`/api/v1/namespaces/${ns}/services/${q(c.resourceName)}`, GET_TIMEOUT_MS);
  if (!got.ok) return got;
  const servicePort = got.value.spec?.ports?.find((p) => p.port === remotePort);
  if (!servicePort) return err(new KubeApiFailure('not-found', `${what} has no port ${remotePort}`));
  return ok({
    description: what,
    listPath: `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices?labelSelector=${q(`kubernetes.io/service-name=${c.resourceName}`)}`,
    readyPods: (slices) => {
      const seen = new Map<string, PodTarget>();
      for (const slice of slices) {
        const target = slice.ports?.find((p) => (p.name ?? '') === (servicePort.name ?? ''))?.port ?? (typeof servicePort.targetPort === 'number' ? servicePort.targetPort : undefined);
        if (target === undefined) continue;
        for (const e of slice.endpoints ?? []) {
          if (e.conditions?.ready === false || e.targetRef?.kind !== 'Pod') continue;
          const uid = e.targetRef.uid ?? e.targetRef.name;
          seen.set(uid, { namespace: c.namespace, name: e.targetRef.name, uid, port: target });
        }
      }
      return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
  });
}

import { ok, ResourceStatus, Result } from '@localport/domain';
import { ClusterHealthManager } from '../cluster/cluster-health-manager';
import { monitorsOf, UnknownContextError } from './monitored-contexts';

/** A pod or node with the context it was seen in. */
export type ContextResource = ResourceStatus & { readonly context: string };

/** `cluster pods` and `cluster nodes`: the pods or nodes of the monitored contexts, checked now. */
export class ListClusterResources {
  constructor(private readonly clusters: ClusterHealthManager) {}

  async execute(query: { readonly context?: string; readonly kind: 'pods' | 'nodes' }): Promise<Result<ContextResource[], UnknownContextError>> {
    const monitors = monitorsOf(this.clusters, query.context);
    if (!monitors.ok) return monitors;
    await Promise.all(monitors.value.map((m) => m.check()));
    return ok(monitors.value.flatMap((m) => (m.observation?.[query.kind] ?? []).map((item) => ({ ...item, context: m.context }))));
  }
}

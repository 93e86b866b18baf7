import { ok, Result } from '@localport/domain';
import { ClusterHealthManager } from '../cluster/cluster-health-manager';
import { ClusterStatusView } from '../status/status-report';
import { monitorsOf, UnknownContextError } from './monitored-contexts';
import { clusterView } from './status-views';

/** `cluster status`: the health of every monitored context, or of one, checked now when asked. */
export class DescribeClusters {
  constructor(private readonly clusters: ClusterHealthManager) {}

  async execute(request: { readonly context?: string; readonly refresh: boolean }): Promise<Result<ClusterStatusView[], UnknownContextError>> {
    const monitors = monitorsOf(this.clusters, request.context);
    if (!monitors.ok) return monitors;
    if (request.refresh) await Promise.all(monitors.value.map((m) => m.check()));
    return ok(monitors.value.map((m) => clusterView(this.clusters, m.health)));
  }
}

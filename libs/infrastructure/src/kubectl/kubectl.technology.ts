import { TechnologyModule } from '../technology/technology';
import { KubectlConnection } from './kubectl-connection';
import { KubectlConnectionData, kubectlConnectionSchema } from './kubectl-connection.schema';
import { KubectlTunnelLauncher } from './kubectl-tunnel-launcher.adapter';

/** `technology: kubectl`: `kubectl port-forward` to a pod, service, deployment or statefulset, gated by its cluster. */
export const kubectlTechnology: TechnologyModule<KubectlConnection, KubectlConnectionData> = {
  name: 'kubectl',
  connectionSchema: kubectlConnectionSchema,
  toConnection: (c) => ({
    technology: 'kubectl',
    resourceType: c.resource_type ?? 'service',
    resourceName: c.resource_name,
    namespace: c.namespace ?? 'default',
    ...(c.context ? { context: c.context } : {}),
  }),
  render: (c) => ({ resource_type: c.resourceType, resource_name: c.resourceName, namespace: c.namespace, ...(c.context ? { context: c.context } : {}) }),
  describeTarget: (c, remotePort) => `${c.resourceType}/${c.resourceName}:${remotePort}`,
  kubeContext: (c) => c.context,
  doctor: (c) => [{ check: 'kubectl', namespace: c.namespace }],
  upstream: (ctx) => new KubectlTunnelLauncher({ kubectl: ctx.env['LOCALPORT_KUBECTL'], env: ctx.env, ledger: ctx.ledger }),
};

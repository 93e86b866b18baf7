import { TechnologyModule } from '../technology/technology';
import { DEFAULT_FORWARDER, Forwarder, FORWARDERS, KubectlConnection } from './kubectl-connection';
import { KubectlConnectionData, kubectlConnectionSchema } from './kubectl-connection.schema';
import { kubectlUpstream } from './kubectl-upstream';

const isForwarder = (v: unknown): v is Forwarder => (FORWARDERS as readonly unknown[]).includes(v);

/** `technology: kubectl`: a port-forward to a pod, service, deployment or statefulset (native or through kubectl), gated by its cluster. */
export const kubectlTechnology: TechnologyModule<KubectlConnection, KubectlConnectionData> = {
  name: 'kubectl',
  connectionSchema: kubectlConnectionSchema,
  toConnection: (c, ctx) => {
    const inherited = ctx.inherited?.('forwarder', c.context ?? undefined);
    const forwarder = c.forwarder ?? (isForwarder(inherited) ? inherited : DEFAULT_FORWARDER);
    if (c.balance === 'round-robin' && forwarder === 'kubectl') ctx.warn('balance', 'round-robin needs forwarder: native (kubectl forwards to one pod); it is ignored');
    return {
      technology: 'kubectl',
      resourceType: c.resource_type ?? 'service',
      resourceName: c.resource_name,
      namespace: c.namespace ?? 'default',
      ...(c.context ? { context: c.context } : {}),
      forwarder,
      ...(c.balance ? { balance: c.balance } : {}),
    };
  },
  render: (c) => ({
    resource_type: c.resourceType,
    resource_name: c.resourceName,
    namespace: c.namespace,
    ...(c.context ? { context: c.context } : {}),
    ...(c.forwarder ? { forwarder: c.forwarder } : {}),
    ...(c.balance ? { balance: c.balance } : {}),
  }),
  describeTarget: (c, remotePort) => `${c.resourceType}/${c.resourceName}:${remotePort}`,
  kubeContext: (c) => c.context,
  doctor: (c) => [{ check: 'kubectl', namespace: c.namespace, ...(c.forwarder === 'native' ? { needsBinary: false } : {}) }],
  upstream: (ctx) => kubectlUpstream(ctx),
};

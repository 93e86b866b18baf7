import { Container } from 'inversify';
import { ClusterHealthManager, ClusterProbe, Clock, DescribeClusters, KubeContexts, ListClusterEvents, ListClusterResources, Logger, TOKENS } from '@localport/application';
import { KubectlClusterProbe, KubectlContexts, SystemClock } from '@localport/infrastructure';

/** A logger that drops everything: the CLI reports through its own output. */
const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => silent };

/**
 * The CLI's object graph, for the work it does itself when no daemon runs: the same use cases the
 * daemon serves (status, cluster checks), with kubectl only: the API client would triple the CLI's
 * start-up time for a rarely used path.
 */
export function buildCliContainer(env: NodeJS.ProcessEnv): Container {
  const c = new Container({ defaultScope: 'Singleton' });
  c.bind<Clock>(TOKENS.clock).toConstantValue(new SystemClock());
  c.bind<Logger>(TOKENS.logger).toConstantValue(silent);
  c.bind<readonly ClusterProbe[]>(TOKENS.clusterProbes).toConstantValue([new KubectlClusterProbe({ kubectl: env.LOCALPORT_KUBECTL, env })]);
  c.bind<KubeContexts>(TOKENS.kubeContexts).toConstantValue(new KubectlContexts({ kubectl: env.LOCALPORT_KUBECTL, env }));
  c.bind(ClusterHealthManager).toDynamicValue(
    (ctx) => new ClusterHealthManager({ probes: ctx.get(TOKENS.clusterProbes), clock: ctx.get(TOKENS.clock), logger: ctx.get(TOKENS.logger) }),
  );
  c.bind(DescribeClusters).toDynamicValue((ctx) => new DescribeClusters(ctx.get(ClusterHealthManager)));
  c.bind(ListClusterEvents).toDynamicValue((ctx) => new ListClusterEvents(ctx.get(ClusterHealthManager), ctx.get(TOKENS.clock)));
  c.bind(ListClusterResources).toDynamicValue((ctx) => new ListClusterResources(ctx.get(ClusterHealthManager)));
  return c;
}

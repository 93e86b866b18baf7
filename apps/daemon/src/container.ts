import { Container, ResolutionContext } from 'inversify';
import {
  ClusterHealthManager, ClusterProbe, Clock, ConfigSource, daemonStatusSources, DescribeClusters, DescribeDaemon, GetStatus, HealthProber, KubeContexts, ListClusterEvents, ListClusterResources,
  HostReachabilityGate, ListenerFactory, LocalportDaemon, LOCALPORT_VERSION, Logger, Random, ReloadConfig, RestartServices, ServiceLogs, StartServices, StopServices, Supervisor, TimedHealthProber, Token, TOKENS, TunnelLauncher,
} from '@localport/application';
import {
  ApiClusterProbe, ChildProcessLedger, childLedgerFile, CompositeHealthProber, KubeApiClients, loadKubeConfig, ObservabilitySettings, FileConfigSource, FileServiceLogs, OffThreadConfigSource, findPortOwner, KubeconfigContexts, KubectlClusterProbe,
  LocalportPaths, MathRandom, SecretRegisteringConfigSource, SshFirstHopProbe, SystemClock, TcpHostProbe, TcpListenerFactory, TECHNOLOGIES, WinstonLogger,
} from '@localport/infrastructure';
import { DaemonUseCases } from './control-handler';
import { DaemonOptions } from './daemon-options';

const get = <T>(ctx: ResolutionContext, t: Token<T>): T => ctx.get<T>(t);

export const DAEMON = Symbol.for('localport.daemon') as Token<LocalportDaemon>;
export const LEDGER = Symbol.for('localport.ledger') as Token<ChildProcessLedger>;
/** The health prober, seen as the timer the metrics endpoint reads. */
export const TIMED_PROBER = Symbol.for('localport.timed-prober') as Token<TimedHealthProber>;

/** The service logs, seen as the files `logs.flush` writes out. */
export const SERVICE_LOG_FILES = Symbol.for('localport.service-log-files') as Token<FileServiceLogs>;

/** How long a tunnel may take to come up before the launch counts as failed. */
const START_TIMEOUT_MS = 20_000;

/** `defaults.logging` for the service logs; unset fields keep their defaults (10 MiB, 3 files, 3 days). */
const serviceLogRetention = (l: ObservabilitySettings['logging'] = {}) => ({ maxBytes: l.maxBytes, maxFiles: l.maxFiles, retentionDays: l.maxAgeMs === undefined ? undefined : l.maxAgeMs / 86_400_000 });

/** The daemon's object graph. Only this file (and the CLI's) knows which adapter serves which port. */
export function buildDaemonContainer(options: DaemonOptions & { configPath: string; logging?: ObservabilitySettings['logging'] }, paths: LocalportPaths, logger: WinstonLogger): Container {
  const c = new Container({ defaultScope: 'Singleton' });
  const env = process.env;
  const clock = new SystemClock();
  c.bind<Clock>(TOKENS.clock).toConstantValue(clock);
  c.bind<Random>(TOKENS.random).toConstantValue(new MathRandom());
  c.bind<Logger>(TOKENS.logger).toConstantValue(logger);
  const serviceLogs = new FileServiceLogs(paths.serviceLogDir, serviceLogRetention(options.logging));
  c.bind<ServiceLogs>(TOKENS.serviceLogs).toConstantValue(serviceLogs);
  c.bind<FileServiceLogs>(SERVICE_LOG_FILES).toConstantValue(serviceLogs);
  c.bind<ChildProcessLedger>(LEDGER).toConstantValue(new ChildProcessLedger(childLedgerFile(paths)));
  // One API client per kube context, shared by the native forwarder and the `api` cluster probe. Building it loads
  // nothing: client-node is imported when a kubectl service or an api probe first reads the kubeconfig.
  const kubeApiClients = new KubeApiClients(() => loadKubeConfig({ env }));
  c.bind<readonly TunnelLauncher[]>(TOKENS.tunnelLaunchers).toDynamicValue((ctx) => {
    return TECHNOLOGIES.upstreams({ env, runtimeDir: paths.runtimeDir, ledger: get(ctx, LEDGER), logger: logger.child({ component: 'upstream' }), clock, kubeApiClients });
  });
  c.bind<ListenerFactory>(TOKENS.listenerFactory).toConstantValue(new TcpListenerFactory(findPortOwner));
  const prober = new TimedHealthProber(new CompositeHealthProber(undefined, logger.child({ component: 'health' })), clock);
  c.bind<HealthProber>(TOKENS.healthProber).toConstantValue(prober);
  c.bind<TimedHealthProber>(TIMED_PROBER).toConstantValue(prober);
  c.bind<readonly ClusterProbe[]>(TOKENS.clusterProbes).toConstantValue([new KubectlClusterProbe({ kubectl: env.LOCALPORT_KUBECTL, env }), new ApiClusterProbe({ env, clients: kubeApiClients })]);
  c.bind<KubeContexts>(TOKENS.kubeContexts).toConstantValue(new KubeconfigContexts({ env }));
  // Every load hands the config's secrets to the logger's redaction list first. A worker thread parses it,
  // so a 2,000-service reload does not stall the control socket for seconds.
  const file = new FileConfigSource(options.configPath, { env });
  const source = options.configWorker ? new OffThreadConfigSource(file, {
    script: options.configWorker, env, onFallback: (reason) => logger.warn('config: parsing on the main thread instead of a worker', { reason }),
  }) : file;
  c.bind<ConfigSource>(TOKENS.configSource).toConstantValue(new SecretRegisteringConfigSource(source, (s) => logger.addSecrets(s)));
  c.bind(ClusterHealthManager).toDynamicValue((ctx) =>
    new ClusterHealthManager({ probes: get(ctx, TOKENS.clusterProbes), clock: get(ctx, TOKENS.clock), logger: get(ctx, TOKENS.logger).child({ component: 'cluster-health' }) }));
  c.bind(HostReachabilityGate).toDynamicValue((ctx) =>
    new HostReachabilityGate({ probe: new SshFirstHopProbe(new TcpHostProbe(), { sshPath: env.LOCALPORT_SSH, env }), clock: get(ctx, TOKENS.clock), logger: get(ctx, TOKENS.logger).child({ component: 'host-gate' }) }));
  c.bind(Supervisor).toDynamicValue((ctx) => {
    const clusters = ctx.get(ClusterHealthManager);
    return new Supervisor({
      launchers: get(ctx, TOKENS.tunnelLaunchers), listeners: get(ctx, TOKENS.listenerFactory), prober: get(ctx, TOKENS.healthProber), gate: clusters, hostGate: ctx.get(HostReachabilityGate),
      clock: get(ctx, TOKENS.clock), random: get(ctx, TOKENS.random), logger: get(ctx, TOKENS.logger), serviceLogs: get(ctx, TOKENS.serviceLogs), startTimeoutMs: START_TIMEOUT_MS,
    });
  });
  c.bind<LocalportDaemon>(DAEMON).toDynamicValue((ctx) =>
    new LocalportDaemon(get(ctx, TOKENS.configSource), ctx.get(Supervisor), ctx.get(ClusterHealthManager), get(ctx, TOKENS.clock), get(ctx, TOKENS.logger), { pid: process.pid, version: LOCALPORT_VERSION }));
  bindUseCases(c);
  return c;
}

/** The use cases the control socket serves; each is built from the bindings above. */
function bindUseCases(c: Container): void {
  c.bind(DescribeDaemon).toDynamicValue((ctx) => new DescribeDaemon(get(ctx, DAEMON)));
  c.bind(GetStatus).toDynamicValue((ctx) => new GetStatus(daemonStatusSources(get(ctx, DAEMON))));
  c.bind(StartServices).toDynamicValue((ctx) => new StartServices(ctx.get(Supervisor)));
  c.bind(StopServices).toDynamicValue((ctx) => new StopServices(ctx.get(Supervisor)));
  c.bind(RestartServices).toDynamicValue((ctx) => new RestartServices(ctx.get(Supervisor)));
  c.bind(ReloadConfig).toDynamicValue((ctx) => new ReloadConfig(get(ctx, DAEMON)));
  c.bind(DescribeClusters).toDynamicValue((ctx) => new DescribeClusters(ctx.get(ClusterHealthManager)));
  c.bind(ListClusterEvents).toDynamicValue((ctx) => new ListClusterEvents(ctx.get(ClusterHealthManager), get(ctx, TOKENS.clock)));
  c.bind(ListClusterResources).toDynamicValue((ctx) => new ListClusterResources(ctx.get(ClusterHealthManager)));
}

/** Resolves every use case the control handler needs. */
export function daemonUseCases(c: Container): DaemonUseCases {
  return {
    describeDaemon: c.get(DescribeDaemon), getStatus: c.get(GetStatus), startServices: c.get(StartServices), stopServices: c.get(StopServices), restartServices: c.get(RestartServices),
    reloadConfig: c.get(ReloadConfig), describeClusters: c.get(DescribeClusters), listClusterEvents: c.get(ListClusterEvents), listClusterResources: c.get(ListClusterResources),
  };
}

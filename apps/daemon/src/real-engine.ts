import { ClusterHealthManager, Logger, Supervisor } from '@localport/application';
import { LocalportConfig } from '@localport/domain';
import {
  CompositeHealthProber, FileServiceLogs, KubectlClusterProbe, KubectlTunnelLauncher, MathRandom, SshTunnelLauncher, SystemClock, TcpListenerFactory, findPortOwner,
} from '@localport/infrastructure';
import { join } from 'node:path';

/** The engine the daemon runs (supervisor, relay, real kubectl and ssh launchers, cluster monitor), in process, for specs. */
export async function startRealEngine(config: LocalportConfig, env: NodeJS.ProcessEnv, dir: string, logger: Logger): Promise<{ clusters: ClusterHealthManager; supervisor: Supervisor }> {
  const clock = new SystemClock();
  const clusters = new ClusterHealthManager({ probes: [new KubectlClusterProbe({ env })], clock, logger });
  const supervisor = new Supervisor({
    launchers: [new KubectlTunnelLauncher({ env }), new SshTunnelLauncher({ runtimeDir: join(dir, 'run') })],
    listeners: new TcpListenerFactory(findPortOwner), prober: new CompositeHealthProber(), gate: clusters, clock, random: new MathRandom(), logger,
    serviceLogs: new FileServiceLogs(join(dir, 'logs')), startTimeoutMs: 20_000,
  });
  await clusters.configure(config);
  await supervisor.apply(config.services);
  return { clusters, supervisor };
}

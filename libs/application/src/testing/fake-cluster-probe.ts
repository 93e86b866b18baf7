import { ClusterCheckOutcome, ClusterEvent, ClusterHealthSettings, ResourceStatus } from '@localport/domain';
import { ClusterProbe, ClusterProbeOptions, KubeContexts } from '../ports/cluster-probe.port';

/** A cluster whose reachability, nodes, pods and events tests set per context. */
export class FakeClusterProbe implements ClusterProbe {
  readonly provider = 'kubectl' as const;
  readonly calls: { context: string; includeEvents: boolean }[] = [];
  readonly down = new Set<string>();
  nodes: ResourceStatus[] = [{ kind: 'Node', name: 'node-1', namespace: '', phase: 'Running', ready: true, restartCount: 0 }];
  pods: ResourceStatus[] = [];
  events: ClusterEvent[] = [];

  constructor(private readonly now: () => number) {}

  async check(context: string, _settings: ClusterHealthSettings, options: ClusterProbeOptions): Promise<ClusterCheckOutcome> {
    this.calls.push({ context, includeEvents: options.includeEvents });
    const at = this.now();
    if (this.down.has(context)) return { reachable: false, error: 'The connection to the server 127.0.0.1:6443 was refused', at };
    return {
      reachable: true,
      observation: {
        info: { context, apiServerUrl: 'https://127.0.0.1:6443', serverVersion: '1.32.4', reachable: true, latencyMs: 3, checkedAt: at, error: null },
        nodes: this.nodes,
        pods: this.pods,
        events: options.includeEvents ? this.events : [],
      },
    };
  }

  checksOf(context: string): number {
    return this.calls.filter((c) => c.context === context).length;
  }
}

/** A kubeconfig held in memory. */
export class InMemoryKubeContexts implements KubeContexts {
  constructor(
    public currentContext: string | null = 'dev',
    public contexts: string[] = ['dev'],
  ) {}
  async current(): Promise<string | null> {
    return this.currentContext;
  }
  async list(): Promise<string[]> {
    return this.contexts;
  }
}

import { ClusterCheckOutcome, ClusterEvent, ClusterHealthSettings, ResourceStatus } from '@localport/domain';
import { ClusterProbe, ClusterProbeOptions, KubeContexts } from '../ports/cluster-probe.port';

/**
 * A cluster whose reachability, nodes, pods and events tests set per context. Contexts in `hung`
 * never answer until the check is aborted; with `contexts` set, any other context does not exist.
 */
export class FakeClusterProbe implements ClusterProbe {
  readonly provider = 'kubectl' as const;
  readonly calls: { context: string; includeEvents: boolean }[] = [];
  readonly down = new Set<string>();
  readonly hung = new Set<string>();
  contexts: ReadonlySet<string> | null = null;
  nodes: ResourceStatus[] = [{ kind: 'Node', name: 'node-1', namespace: '', phase: 'Running', ready: true, restartCount: 0 }];
  pods: ResourceStatus[] = [];
  events: ClusterEvent[] = [];

  constructor(private readonly now: () => number) {}

  async check(context: string, _settings: ClusterHealthSettings, options: ClusterProbeOptions): Promise<ClusterCheckOutcome> {
    this.calls.push({ context, includeEvents: options.includeEvents });
    if (this.hung.has(context)) await new Promise((resolve) => options.signal.addEventListener('abort', resolve, { once: true }));
    const at = this.now();
    if (options.signal.aborted) return { reachable: false, error: 'cluster check aborted', at };
    if (this.contexts && !this.contexts.has(context)) return { reachable: false, error: `context "${context}" does not exist`, at };
    if (this.down.has(context)) return { reachable: false, error: 'The connection to the server 127.0.0.1:6443 was refused', at };
    return {
      reachable: true,
      observation: {
        info: { context, apiServerUrl: 'https://127.0.0.1:6443', serverVersion: '1.32.4', reachable: true, latencyMs: 3, checkedAt: at, error: null },
        nodes: this.nodes,
        pods: this.pods,
        // Like the real providers: only when asked for, newest first.
        events: options.includeEvents ? [...this.events].sort((a, b) => b.lastSeen - a.lastSeen) : [],
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

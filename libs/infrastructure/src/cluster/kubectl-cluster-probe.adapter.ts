import { performance } from 'node:perf_hooks';
import { ClusterProbe, ClusterProbeOptions } from '@localport/application';
import { ClusterCheckOutcome, ClusterHealthSettings, err, ok, Result } from '@localport/domain';
import { runClusterCheck } from './cluster-check';
import { ClusterProbeError } from './cluster-probe.errors';
import { KubeEvent, KubeNode, KubePod } from './kube-objects';
import { toClusterEvents, toNodeStatuses, toPodStatuses } from './kube-resource.mapper';
import { KubectlCapabilities, parseClientVersion } from './kubectl-capabilities';
import { clientVersionCommand, kubectlCommands } from './kubectl-commands';
import { parseItems, parseServerUrl, parseServerVersion } from './kubectl-output.parser';
import { runKubectl } from './kubectl-runner';
import { withRetries } from './retry-policy';

/** Construction options of `KubectlClusterProbe`; every field has a production default. */
export interface KubectlClusterProbeOptions {
  /** The kubectl binary (default `kubectl` on PATH). */
  readonly kubectl?: string;
  /** Environment of every kubectl run, KUBECONFIG and KUBECACHEDIR included (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** Clock for `checkedAt`/`at` (epoch ms). */
  readonly now?: () => number;
  /** First retry delay, doubled per retry (default 1000 ms: 1 s, 2 s, 4 s ...). */
  readonly backoffBaseMs?: number;
}

interface CachedCapabilities {
  readonly caps: KubectlCapabilities;
  serverVersion: string | null;
}

/**
 * ClusterProbe over the kubectl CLI. Learns each kubectl's capabilities once per binary and context
 * (the gcloud dispatcher runs a different release per server version) and builds its commands from them.
 */
export class KubectlClusterProbe implements ClusterProbe {
  readonly provider = 'kubectl' as const;
  private readonly binary: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly now: () => number;
  private readonly backoffBaseMs: number;
  private readonly capabilities = new Map<string, CachedCapabilities>();

  constructor(options: KubectlClusterProbeOptions = {}) {
    this.binary = options.kubectl ?? 'kubectl';
    this.env = options.env ?? process.env;
    this.now = options.now ?? Date.now;
    this.backoffBaseMs = options.backoffBaseMs ?? 1000;
  }

  async check(context: string, settings: ClusterHealthSettings, options: ClusterProbeOptions): Promise<ClusterCheckOutcome> {
    try {
      return await this.checkContext(context, settings, options);
    } catch (e) {
      return { reachable: false, error: e instanceof Error ? e.message : String(e), at: this.now() };
    }
  }

  /** The capabilities last detected for this binary and context, if any (for diagnostics and tests). */
  capabilitiesOf(context: string): KubectlCapabilities | undefined {
    return this.capabilities.get(this.key(context))?.caps;
  }

  private async checkContext(context: string, settings: ClusterHealthSettings, options: ClusterProbeOptions): Promise<ClusterCheckOutcome> {
    const run = (args: readonly string[]): Promise<Result<string, ClusterProbeError>> =>
      runKubectl(args, { binary: this.binary, env: this.env, timeoutMs: settings.timeoutMs, signal: options.signal });
    const detected = await this.detect(context, settings, options, run);
    if (!detected.ok) return { reachable: false, error: detected.error.message, at: this.now() };
    const cached = detected.value;
    const caps = cached.caps;
    const cmd = kubectlCommands(caps, context, settings.timeoutMs);
    const parsed = async <T>(args: readonly string[], parse: (stdout: string) => Result<T, ClusterProbeError>): Promise<Result<T, ClusterProbeError>> => {
      const out = await run(args);
      return out.ok ? parse(out.value) : out;
    };
    const outcome = await runClusterCheck(
      { context, settings, options, now: this.now, backoffBaseMs: this.backoffBaseMs },
      {
        reachability: async () => {
          const started = performance.now();
          let out = await run(cmd.health('/readyz'));
          // Servers older than 1.16 have no /readyz.
          if (!out.ok && out.error.code === 'CLUSTER.NOT_FOUND') out = await run(cmd.health('/healthz'));
          return out.ok ? ok(Math.round(performance.now() - started)) : out;
        },
        serverUrl: () => parsed(cmd.serverUrl, parseServerUrl),
        serverVersion: () => parsed(cmd.serverVersion, (s) => parseServerVersion(s, caps.versionJson)),
        nodes: () => parsed(cmd.nodes, (s) => mapOk(parseItems<KubeNode>(s, 'nodes'), toNodeStatuses)),
        pods: () => parsed(cmd.pods, (s) => mapOk(parseItems<KubePod>(s, 'pods'), toPodStatuses)),
        events: () => parsed(cmd.events, (s) => mapOk(parseItems<KubeEvent>(s, 'events'), (items) => toClusterEvents(context, items))),
      },
    );
    this.remember(context, cached, outcome);
    return outcome;
  }

  private async detect(
    context: string,
    settings: ClusterHealthSettings,
    options: ClusterProbeOptions,
    run: (args: readonly string[]) => Promise<Result<string, ClusterProbeError>>,
  ): Promise<Result<CachedCapabilities, ClusterProbeError>> {
    const known = this.capabilities.get(this.key(context));
    if (known) return ok(known);
    const out = await withRetries(() => run(clientVersionCommand(context)), { retryAttempts: settings.retryAttempts, backoffBaseMs: this.backoffBaseMs, signal: options.signal });
    if (!out.ok) return out;
    const caps = parseClientVersion(out.value);
    if (!caps.ok) return err(caps.error);
    const entry: CachedCapabilities = { caps: caps.value, serverVersion: null };
    this.capabilities.set(this.key(context), entry);
    return ok(entry);
  }

  /**
   * Keeps the capabilities only while they match the server: behind the gcloud dispatcher a new server
   * version means another kubectl release, and a provisional answer (given while the server was
   * unreachable) holds only if the server turns out to run that same minor.
   */
  private remember(context: string, cached: CachedCapabilities, outcome: ClusterCheckOutcome): void {
    const seen = outcome.reachable ? outcome.observation.info.serverVersion : null;
    if (seen === null) return;
    const stale =
      cached.serverVersion === null ? cached.caps.provisional && Number.parseInt(seen.split('.')[1] ?? '', 10) !== cached.caps.minor : cached.serverVersion !== seen;
    if (stale) this.capabilities.delete(this.key(context));
    else cached.serverVersion = seen;
  }

  private key(context: string): string {
    return `${this.binary}\u0000${context}`;
  }
}

const mapOk = <T, U>(r: Result<T, ClusterProbeError>, f: (t: T) => U): Result<U, ClusterProbeError> => (r.ok ? ok(f(r.value)) : r);

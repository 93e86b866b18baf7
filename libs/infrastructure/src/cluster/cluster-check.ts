import { ClusterCheckOutcome, ClusterEvent, ClusterHealthSettings, ResourceStatus, Result } from '@localport/domain';
import { ClusterProbeOptions } from '@localport/application';
import { ClusterProbeError } from './cluster-probe.errors';
import { withRetries } from './retry-policy';

type Step<T> = () => Promise<Result<T, ClusterProbeError>>;

/** One attempt of each request a check makes; retries, concurrency and the outcome are `runClusterCheck`'s job. */
export interface ClusterCheckSteps {
  /** Resolves with the latency in ms when the API server reports itself ready (readyz, else healthz). */
  readonly reachability: Step<number>;
  readonly serverUrl: Step<string | null>;
  /** Without the leading `v`. */
  readonly serverVersion: Step<string | null>;
  readonly nodes: Step<ResourceStatus[]>;
  readonly pods: Step<ResourceStatus[]>;
  readonly events: Step<ClusterEvent[]>;
}

/** The knobs `runClusterCheck` needs besides the steps. */
export interface ClusterCheckRun {
  readonly context: string;
  readonly settings: ClusterHealthSettings;
  readonly options: ClusterProbeOptions;
  readonly now: () => number;
  readonly backoffBaseMs: number;
}

/**
 * Runs a check the same way for every provider: reachability first (with retries), then version,
 * nodes, pods and events concurrently, each skipped when its `settings.commands` flag is off. A step
 * that loses the server (timeout, refused) makes the outcome unreachable; any other failure (403 ...)
 * leaves that part empty and is reported in `info.error`.
 */
export async function runClusterCheck(run: ClusterCheckRun, steps: ClusterCheckSteps): Promise<ClusterCheckOutcome> {
  const { settings, options } = run;
  const retry = <T>(step: Step<T>): Promise<Result<T, ClusterProbeError>> =>
    withRetries(step, { retryAttempts: settings.retryAttempts, backoffBaseMs: run.backoffBaseMs, signal: options.signal });
  const skip = <T>(value: T): Promise<Result<T, ClusterProbeError>> => Promise.resolve({ ok: true, value });
  const unreachable = (e: ClusterProbeError): ClusterCheckOutcome => ({ reachable: false, error: e.message, at: run.now() });

  const url = settings.commands.clusterInfo ? retry(steps.serverUrl) : skip(null);
  const ready = await retry(steps.reachability);
  if (!ready.ok) {
    await url;
    return unreachable(ready.error);
  }
  const [urlR, versionR, nodesR, podsR, eventsR] = await Promise.all([
    url,
    settings.commands.clusterInfo ? retry(steps.serverVersion) : skip(null),
    settings.commands.nodeStatus ? retry(steps.nodes) : skip([]),
    settings.commands.podStatus ? retry(steps.pods) : skip([]),
    options.includeEvents && settings.commands.eventsOnFailure ? retry(steps.events) : skip([]),
  ]);
  const parts = [['server URL', urlR], ['server version', versionR], ['nodes', nodesR], ['pods', podsR], ['events', eventsR]] as const;
  const failures = parts.flatMap(([what, r]) => (r.ok ? [] : [[what, r.error] as const]));
  const lost = failures.find(([, e]) => e.retryable || e.code === 'CLUSTER.ABORTED');
  if (lost) return unreachable(lost[1]);
  const value = <T>(r: Result<T, ClusterProbeError>, fallback: T): T => (r.ok ? r.value : fallback);
  return {
    reachable: true,
    observation: {
      info: {
        context: run.context,
        apiServerUrl: value(urlR, null),
        serverVersion: value(versionR, null),
        reachable: true,
        latencyMs: ready.value,
        checkedAt: run.now(),
        error: failures.length > 0 ? failures.map(([what, e]) => `${what}: ${e.message}`).join('; ') : null,
      },
      nodes: value(nodesR, []),
      pods: value(podsR, []),
      events: value(eventsR, []),
    },
  };
}

import { KubectlCapabilities } from './kubectl-capabilities';

/** Argument arrays of the commands one check runs, for one context and kubectl release. */
export interface KubectlCommands {
  readonly clientVersion: readonly string[];
  /** Reachability: `get --raw /readyz` (or `/healthz` on servers without readyz). */
  health(path: '/readyz' | '/healthz'): readonly string[];
  readonly serverVersion: readonly string[];
  /** Read from the kubeconfig only; needs no network. */
  readonly serverUrl: readonly string[];
  readonly nodes: readonly string[];
  readonly pods: readonly string[];
  readonly events: readonly string[];
}

/** The command to learn a kubectl's capabilities (the gcloud dispatcher picks the binary by context). */
export const clientVersionCommand = (context: string): readonly string[] => ['version', '--client', '-o', 'json', '--context', context];

/**
 * Builds every command from the capabilities. Never `--short` (gone in 1.28) nor `--limit`
 * (rejected by 1.33 for events): sorting and limiting happen client-side.
 */
export function kubectlCommands(caps: KubectlCapabilities, context: string, timeoutMs: number): KubectlCommands {
  const common = ['--context', context, `--request-timeout=${Math.max(1, Math.ceil(timeoutMs))}ms`];
  const json = ['-o', 'json'];
  const serverVersion = caps.versionJson ? ['version', ...json, ...common] : ['version', ...common];
  return {
    clientVersion: clientVersionCommand(context),
    health: (path) => (caps.rawGet ? ['get', '--raw', path, ...common] : serverVersion),
    serverVersion,
    serverUrl: ['config', 'view', '--minify', ...json, '--context', context],
    nodes: ['get', 'nodes', ...json, ...common],
    pods: ['get', 'pods', '-A', '--field-selector=status.phase!=Succeeded', ...json, ...common],
    events: ['get', 'events', '-A', ...json, ...common],
  };
}

import { err, LocalportError, ok, Result } from '@localport/domain';
import { ClusterHealthManager } from '../cluster/cluster-health-manager';
import { ContextMonitor } from '../cluster/context-monitor';

/** A context no monitor watches: no enabled kubectl service uses it, or its cluster_health is off. */
export class UnknownContextError extends LocalportError {
  readonly code = 'CLUSTER.UNKNOWN_CONTEXT';

  constructor(
    readonly context: string,
    /** The contexts that are monitored. */
    readonly known: readonly string[],
  ) {
    super(`context "${context}" is not monitored (monitored: ${known.join(', ') || 'none'})`);
  }
}

/** Every monitor, or the one of `context`. */
export function monitorsOf(manager: ClusterHealthManager, context: string | undefined): Result<ContextMonitor[], UnknownContextError> {
  const all = manager.monitored();
  if (!context) return ok(all);
  const chosen = all.filter((m) => m.context === context);
  return chosen.length > 0 ? ok(chosen) : err(new UnknownContextError(context, all.map((m) => m.context)));
}

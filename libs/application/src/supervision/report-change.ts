import { LifecycleState, ServiceState } from '@localport/domain';
import { Logger } from '../ports/logger.port';
import { ServiceChange, ServiceSnapshot } from './service-snapshot';

/**
 * Logs each state a lifecycle step moved through and tells subscribers about it (a step may pass
 * through `unhealthy` on its way to `restarting`); a health flip without a move is told too.
 */
export function reportChange(log: Logger, onChange: (change: ServiceChange) => void, previous: LifecycleState, now: ServiceSnapshot & { readonly lifecycle: LifecycleState }, path: readonly ServiceState[]): void {
  const { lifecycle, ...snapshot } = now;
  let from = previous.status;
  for (const to of path) {
    const fields = lifecycle.lastError && to !== 'running' ? { lastError: lifecycle.lastError } : undefined;
    log[to === 'failed' ? 'error' : 'info'](`state ${from} -> ${to}`, fields);
    onChange({ previous: from, current: { ...snapshot, state: to } });
    from = to;
  }
  if (path.length === 0 && lifecycle.healthy !== previous.healthy) onChange({ previous: lifecycle.status, current: snapshot });
}

import { Draft, moveTo, patch } from './draft';
import { fail } from './failure';
import { LifecycleEvent } from './lifecycle-event';

type Of<T extends LifecycleEvent['type']> = Extract<LifecycleEvent, { type: T }>;

/** success_threshold passes in a row make the tunnel healthy. */
export function onHealthPassed(d: Draft, e: Of<'healthPassed'>): void {
  if (e.id !== d.s.tunnel) return;
  patch(d, { passes: d.s.passes + 1, failures: 0 });
  if (d.s.healthy || d.s.passes < d.policy.health.successThreshold) return;
  patch(d, { healthy: true, healthySince: d.s.healthySince ?? d.now });
  if (d.s.status === 'unhealthy') moveTo(d, 'running');
}

/** failure_threshold failures in a row: the tunnel is alive but useless, so it is replaced. */
export function onHealthFailed(d: Draft, e: Of<'healthFailed'>): void {
  if (e.id !== d.s.tunnel) return;
  patch(d, { failures: d.s.failures + 1, passes: 0 });
  if (d.s.failures < d.policy.health.failureThreshold) return;
  patch(d, { lastError: e.message });
  if (d.s.status === 'running') moveTo(d, 'unhealthy');
  fail(d, { code: 'HEALTH.FAILED', message: `health check failed: ${e.message}`, permanent: false }, true);
}

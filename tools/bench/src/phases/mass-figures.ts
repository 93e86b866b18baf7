import type { LatencySummary } from '@localport/testing/control';
import { fmt, info, judged, newSection, SectionResult } from '../report/figures';

/** Issue 11's target: while the daemon hot-reloads 2 → 2,000 → 2 services, every `status` is answered within this. */
export const MASS_STATUS_TARGET_MS = 100;

/** What the mass section measured; every time is ms since the status poller began. */
export interface MassMeasurement {
  readonly services: number;
  /** The 2,000-service config was written. */
  readonly upAtMs: number;
  /** All of them were running. */
  readonly upDoneAtMs: number;
  /** The 2-service config was written. */
  readonly downAtMs: number;
  /** Only the 2 were left, running. */
  readonly downDoneAtMs: number;
  readonly summary: LatencySummary;
  /** Requests that failed or got no reply within the poller's timeout. */
  readonly errors: readonly string[];
  /** Bytes of one status reply with every service listed (about: its services, serialized again). */
  readonly statusBytes: number;
  /** 1-minute load average before and after. */
  readonly loadBefore: number;
  readonly loadAfter: number;
}

/** Which stretch of the run a request sent at `atMs` fell in. */
export function stretchAt(m: Pick<MassMeasurement, 'upAtMs' | 'upDoneAtMs' | 'downAtMs' | 'downDoneAtMs'>, atMs: number): string {
  if (atMs < m.upAtMs) return 'before the reload';
  if (atMs < m.upDoneAtMs) return 'reloading up';
  if (atMs < m.downAtMs) return 'all running';
  if (atMs < m.downDoneAtMs) return 'reloading down';
  return 'back at 2';
}

/** The section: reload times, the status latencies (max judged, p99 beside it), the slowest requests and when they were sent. */
export function massSection(m: MassMeasurement): SectionResult {
  const n = m.services.toLocaleString('en-US');
  const section = newSection(`Mass config (issue 11): 2 → ${n} → 2 services, hot reload, status answered`);
  const s = m.summary;
  const upMs = m.upDoneAtMs - m.upAtMs;
  const downMs = m.downDoneAtMs - m.downAtMs;
  const answeredAll = m.errors.length === 0 && s.count > 0;
  section.figures.push(
    info('mass.up', `reload 2 → ${n} services, config written until all running`, fmt.s(upMs), `${Math.round((m.services * 1000) / upMs)} services/s`),
    info('mass.down', `reload ${n} → 2 services, until only 2 running`, fmt.s(downMs)),
    info('mass.status.count', 'status requests during both reloads (back to back, one at a time)', String(s.count), `${m.errors.length} unanswered or failed`),
    info('mass.status.p50', 'status, median', fmt.ms(s.p50)),
    judged('mass.status.max', 'status, slowest (every request answered within the target)', fmt.ms(s.max), `p99 ${fmt.ms(s.p99)}${answeredAll ? '' : `; ${m.errors.length} unanswered`}`, `< ${MASS_STATUS_TARGET_MS} ms`, answeredAll && s.max < MASS_STATUS_TARGET_MS),
    info('mass.status.p99', 'status, p99', fmt.ms(s.p99)),
  );
  section.facts.push(
    `Slowest status requests: ${s.slowest.map((x) => `${fmt.ms(x.ms)} at ${fmt.s(x.atMs)} (${stretchAt(m, x.atMs)})`).join(', ') || 'none'}. ` +
      `Times since polling began: ${n} written at ${fmt.s(m.upAtMs)}, all running at ${fmt.s(m.upDoneAtMs)}, 2 written at ${fmt.s(m.downAtMs)}, back at 2 at ${fmt.s(m.downDoneAtMs)}.`,
    `Each request is timed from connect to the last byte of its reply, by a poller in a process of its own (tools/testing/src/control). ` +
      `One status reply listing all ${n} services is about ${Math.round(m.statusBytes / 1000)} KB of JSON. ` +
      'The bench also reads status every 150 ms to see when each reload is done, as the e2e test does.',
    `Services: tcp technology (no child process) to the loopback target, health check tcp every 5 s, written with YAML merge keys ` +
      `(the config of apps/cli-e2e/src/mass-config.spec.ts). 1-minute load average ${m.loadBefore.toFixed(2)} before, ${m.loadAfter.toFixed(2)} after.`,
  );
  if (m.errors.length) section.facts.push(`Unanswered or failed: ${m.errors.slice(0, 5).join('; ')}${m.errors.length > 5 ? ` and ${m.errors.length - 5} more` : ''}.`);
  return section;
}

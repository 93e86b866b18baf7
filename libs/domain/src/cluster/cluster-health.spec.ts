import { ClusterEvent } from './cluster-event';
import {
  allowsRestarts,
  ClusterCheckOutcome,
  ClusterHealth,
  ClusterStatus,
  deriveClusterHealth,
  unknownClusterHealth,
} from './cluster-health';
import { ClusterInfo } from './cluster-info';
import { ResourceStatus } from './resource-status';

const T0 = 1_700_000_000_000;
const THRESHOLD = 3;

const info = (checkedAt = T0): ClusterInfo => ({
  context: 'dev', apiServerUrl: 'https://127.0.0.1:6443', serverVersion: '1.32.4', reachable: true, latencyMs: 12, checkedAt, error: null,
});
const node = (name: string, ready = true): ResourceStatus => ({ kind: 'Node', name, namespace: '', phase: ready ? 'Running' : 'Unknown', ready, restartCount: 0 });
const nodes = (ready: number, unready: number): ResourceStatus[] => [
  ...Array.from({ length: ready }, (_, i) => node(`ready-${i}`)),
  ...Array.from({ length: unready }, (_, i) => node(`down-${i}`, false)),
];
const pod = (name: string, restartCount = 0): ResourceStatus => ({ kind: 'Pod', name, namespace: 'default', phase: 'Running', ready: true, restartCount });
const warning = (ageMs: number, type: ClusterEvent['type'] = 'Warning'): ClusterEvent => ({
  context: 'dev', namespace: 'default', type, reason: 'BackOff', message: 'Back-off', object: { kind: 'Pod', name: 'api' }, count: 1, lastSeen: T0 - ageMs,
});

const seen = (n: readonly ResourceStatus[], events: readonly ClusterEvent[] = [], pods: readonly ResourceStatus[] = [], at = T0): ClusterCheckOutcome => ({
  reachable: true, observation: { info: info(at), nodes: n, pods, events },
});
const unreachable = (at: number, error = 'connection refused'): ClusterCheckOutcome => ({ reachable: false, error, at });
const fresh = (): ClusterHealth => unknownClusterHealth('dev');

describe(unknownClusterHealth.name, () => {
  it('starts unknown, unchecked and open for restarts', () => {
    const h = fresh();
    expect(h).toMatchObject({ context: 'dev', status: 'unknown', consecutiveFailures: 0, lastCheck: null, lastError: null, info: null, warningEvents: 0 });
    expect(h.resources).toEqual({ nodes: { ready: 0, total: 0 }, pods: { total: 0, byPhase: {}, restarting: 0, healthy: 0 } });
    expect(allowsRestarts(h)).toBe(true);
  });
});

describe(`${deriveClusterHealth.name} when the API server answers`, () => {
  it.each<[string, ClusterCheckOutcome, ClusterStatus, number]>([
    ['all nodes ready, no events', seen(nodes(3, 0)), 'healthy', 0],
    ['zero nodes, no events', seen([]), 'healthy', 0],
    ['all nodes ready, only normal events', seen(nodes(3, 0), [warning(60_000, 'Normal')]), 'healthy', 0],
    ['all nodes ready, only old warnings', seen(nodes(3, 0), [warning(31 * 60_000), warning(86_400_000)]), 'healthy', 0],
    ['all nodes ready, a recent warning', seen(nodes(3, 0), [warning(60_000)]), 'warning', 1],
    ['zero nodes, a recent warning', seen([], [warning(0)]), 'warning', 1],
    ['all nodes ready, a warning exactly 30 min old', seen(nodes(2, 0), [warning(30 * 60_000), warning(30 * 60_000 + 1)]), 'warning', 1],
    ['4 of 5 nodes ready (80 %)', seen(nodes(4, 1)), 'warning', 0],
    ['9 of 10 nodes ready', seen(nodes(9, 1)), 'warning', 0],
    ['4 of 5 nodes ready and warnings', seen(nodes(4, 1), [warning(0), warning(1_000)]), 'warning', 2],
    ['3 of 4 nodes ready (75 %)', seen(nodes(3, 1)), 'unhealthy', 0],
    ['1 of 2 nodes ready', seen(nodes(1, 1)), 'unhealthy', 0],
    ['no node ready', seen(nodes(0, 3)), 'unhealthy', 0],
    ['3 of 4 nodes ready and warnings', seen(nodes(3, 1), [warning(0)]), 'unhealthy', 1],
  ])('%s -> %s', (_name, outcome, status, warningEvents) => {
    expect(deriveClusterHealth(fresh(), outcome, THRESHOLD)).toMatchObject({ status, warningEvents, consecutiveFailures: 0 });
  });

  it('judges warning age against the check time, not the previous one', () => {
    const later = T0 + 10 * 60_000;
    expect(deriveClusterHealth(fresh(), seen(nodes(1, 0), [warning(25 * 60_000)], [], later), THRESHOLD).status).toBe('healthy');
  });

  it('records the check: info, time, resource counts; clears the error', () => {
    const failing = deriveClusterHealth(fresh(), unreachable(T0 - 60_000), THRESHOLD);
    const h = deriveClusterHealth(failing, seen(nodes(2, 1), [], [pod('a'), pod('b', 6)]), THRESHOLD);
    expect(h).toEqual({
      context: 'dev',
      status: 'unhealthy',
      consecutiveFailures: 0,
      lastCheck: T0,
      lastError: null,
      info: info(),
      resources: { nodes: { ready: 2, total: 3 }, pods: { total: 2, byPhase: { Running: 2 }, restarting: 1, healthy: 1 } },
      warningEvents: 0,
    });
  });
});

describe(`${deriveClusterHealth.name} when the API server cannot be reached`, () => {
  it.each<[ClusterStatus]>([['unknown'], ['healthy'], ['warning']])(
    'keeps the previous status (%s) below the failure threshold, then turns unhealthy',
    (previousStatus) => {
      let h: ClusterHealth = { ...fresh(), status: previousStatus };
      const statuses: ClusterStatus[] = [];
      for (let i = 1; i <= 4; i++) {
        h = deriveClusterHealth(h, unreachable(T0 + i * 1_000), THRESHOLD);
        statuses.push(h.status);
        expect(h.consecutiveFailures).toBe(i);
      }
      expect(statuses).toEqual([previousStatus, previousStatus, 'unhealthy', 'unhealthy']);
    },
  );

  it('turns unhealthy on the first failure with a threshold of 1', () => {
    expect(deriveClusterHealth(fresh(), unreachable(T0), 1).status).toBe('unhealthy');
  });

  it('records the error and the time, and marks the known info unreachable', () => {
    const healthy = deriveClusterHealth(fresh(), seen(nodes(2, 0), [], [pod('a')]), THRESHOLD);
    const h = deriveClusterHealth(healthy, unreachable(T0 + 5_000, 'dial tcp 127.0.0.1:6443: connect: connection refused'), THRESHOLD);
    expect(h).toEqual({
      ...healthy,
      consecutiveFailures: 1,
      lastCheck: T0 + 5_000,
      lastError: 'dial tcp 127.0.0.1:6443: connect: connection refused',
      info: { ...info(), reachable: false, error: 'dial tcp 127.0.0.1:6443: connect: connection refused', checkedAt: T0 + 5_000 },
    });
    expect(h.resources).toEqual(healthy.resources);
  });

  it('keeps info null when the context was never reached', () => {
    const h = deriveClusterHealth(fresh(), unreachable(T0, 'no such context'), THRESHOLD);
    expect(h).toMatchObject({ status: 'unknown', consecutiveFailures: 1, lastCheck: T0, lastError: 'no such context', info: null });
  });

  it('does not change the previous value', () => {
    const previous = deriveClusterHealth(fresh(), seen(nodes(1, 0)), THRESHOLD);
    const copy = JSON.parse(JSON.stringify(previous));
    deriveClusterHealth(previous, unreachable(T0 + 1), THRESHOLD);
    expect(previous).toEqual(copy);
  });

  it('recovers: one good check resets the failure count and the error', () => {
    let h = fresh();
    for (let i = 1; i <= 5; i++) h = deriveClusterHealth(h, unreachable(T0 + i), THRESHOLD);
    expect(h).toMatchObject({ status: 'unhealthy', consecutiveFailures: 5 });
    h = deriveClusterHealth(h, seen(nodes(2, 0), [], [], T0 + 10), THRESHOLD);
    expect(h).toMatchObject({ status: 'healthy', consecutiveFailures: 0, lastError: null, lastCheck: T0 + 10, info: { reachable: true } });
  });
});

describe(allowsRestarts.name, () => {
  it('follows the cluster through an outage', () => {
    const steps: ClusterCheckOutcome[] = [seen(nodes(2, 0)), unreachable(T0 + 1), unreachable(T0 + 2), unreachable(T0 + 3), seen(nodes(2, 0))];
    const open: boolean[] = [];
    let h = fresh();
    for (const step of steps) {
      h = deriveClusterHealth(h, step, THRESHOLD);
      open.push(allowsRestarts(h));
    }
    expect(open).toEqual([true, false, false, false, true]);
  });

  it.each<[string, ClusterCheckOutcome, boolean]>([
    ['healthy', seen(nodes(3, 0)), true],
    ['warning', seen(nodes(3, 0), [warning(0)]), true],
    ['unhealthy though reachable', seen(nodes(1, 3)), false],
  ])('is %s -> %s', (_name, outcome, open) => {
    expect(allowsRestarts(deriveClusterHealth(fresh(), outcome, THRESHOLD))).toBe(open);
  });

  it('is closed after a single failure, before the threshold, whatever the status', () => {
    const h = deriveClusterHealth(deriveClusterHealth(fresh(), seen(nodes(1, 0)), THRESHOLD), unreachable(T0 + 1), THRESHOLD);
    expect(h.status).toBe('healthy');
    expect(allowsRestarts(h)).toBe(false);
  });
});

import { ClusterEvent, eventObjectName, isRecentWarning, RECENT_EVENT_WINDOW_MS } from './cluster-event';

const NOW = 1_700_000_000_000;
const event = (overrides: Partial<ClusterEvent> = {}): ClusterEvent => ({
  context: 'dev', namespace: 'default', type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container',
  object: { kind: 'Pod', name: 'api-7d9f', namespace: 'default' }, count: 3, lastSeen: NOW - 60_000, ...overrides,
});

describe(isRecentWarning.name, () => {
  it('uses a 30 minute window', () => {
    expect(RECENT_EVENT_WINDOW_MS).toBe(1_800_000);
  });

  it.each<[string, Partial<ClusterEvent>, boolean]>([
    ['a warning a minute old', {}, true],
    ['a warning seen right now', { lastSeen: NOW }, true],
    ['a warning exactly 30 minutes old', { lastSeen: NOW - 1_800_000 }, true],
    ['a warning 30 minutes and 1 ms old', { lastSeen: NOW - 1_800_001 }, false],
    ['a warning from yesterday', { lastSeen: NOW - 86_400_000 }, false],
    ['a warning stamped slightly in the future (clock skew)', { lastSeen: NOW + 5_000 }, true],
    ['a normal event a minute old', { type: 'Normal' }, false],
    ['a normal event right now', { type: 'Normal', lastSeen: NOW }, false],
  ])('%s -> %s', (_name, overrides, recent) => {
    expect(isRecentWarning(event(overrides), NOW)).toBe(recent);
  });
});

describe(eventObjectName.name, () => {
  it('names a namespaced object Kind/namespace/name', () => {
    expect(eventObjectName(event())).toBe('Pod/default/api-7d9f');
  });

  it.each([
    ['without a namespace', { kind: 'Node', name: 'worker-1' }],
    ['with an empty namespace', { kind: 'Node', name: 'worker-1', namespace: '' }],
  ])('names a cluster-scoped object Kind/name (%s)', (_name, object) => {
    expect(eventObjectName(event({ object }))).toBe('Node/worker-1');
  });
});

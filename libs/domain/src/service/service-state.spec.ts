import { canTransition, isActive, SERVICE_STATES, ServiceState, transition } from './service-state';

/** The life cycle, written out independently of the implementation's table. */
const ALLOWED: ReadonlyArray<[ServiceState, ServiceState]> = [
  ['stopped', 'starting'],
  ['stopped', 'disabled'],
  ['disabled', 'stopped'],
  ['disabled', 'starting'],
  ['starting', 'running'],
  ['starting', 'unhealthy'],
  ['starting', 'restarting'],
  ['starting', 'waiting-for-cluster'],
  ['starting', 'failed'],
  ['starting', 'stopped'],
  ['starting', 'disabled'],
  ['running', 'unhealthy'],
  ['running', 'restarting'],
  ['running', 'waiting-for-cluster'],
  ['running', 'failed'],
  ['running', 'stopped'],
  ['running', 'disabled'],
  ['unhealthy', 'running'],
  ['unhealthy', 'restarting'],
  ['unhealthy', 'waiting-for-cluster'],
  ['unhealthy', 'failed'],
  ['unhealthy', 'stopped'],
  ['unhealthy', 'disabled'],
  ['restarting', 'starting'],
  ['restarting', 'waiting-for-cluster'],
  ['restarting', 'failed'],
  ['restarting', 'stopped'],
  ['restarting', 'disabled'],
  ['waiting-for-cluster', 'starting'],
  ['waiting-for-cluster', 'restarting'],
  ['waiting-for-cluster', 'failed'],
  ['waiting-for-cluster', 'stopped'],
  ['waiting-for-cluster', 'disabled'],
  ['starting', 'waiting-for-host'],
  ['running', 'waiting-for-host'],
  ['unhealthy', 'waiting-for-host'],
  ['restarting', 'waiting-for-host'],
  ['waiting-for-host', 'starting'],
  ['waiting-for-host', 'restarting'],
  ['waiting-for-host', 'failed'],
  ['waiting-for-host', 'stopped'],
  ['waiting-for-host', 'disabled'],
  ['failed', 'starting'],
  ['failed', 'stopped'],
  ['failed', 'disabled'],
];

const ILLEGAL: ReadonlyArray<[ServiceState, ServiceState]> = [
  ['stopped', 'running'],
  ['stopped', 'unhealthy'],
  ['stopped', 'restarting'],
  ['stopped', 'failed'],
  ['failed', 'running'],
  ['failed', 'restarting'],
  ['disabled', 'running'],
  ['disabled', 'failed'],
  ['restarting', 'running'],
  ['waiting-for-cluster', 'running'],
  ['waiting-for-host', 'running'],
  ['waiting-for-host', 'waiting-for-cluster'],
  ['stopped', 'waiting-for-host'],
  ['running', 'starting'],
];

describe('service state transitions', () => {
  it('lists the nine states of the status contract', () => {
    expect([...SERVICE_STATES].sort()).toEqual(['disabled', 'failed', 'restarting', 'running', 'starting', 'stopped', 'unhealthy', 'waiting-for-cluster', 'waiting-for-host']);
  });

  it.each(ALLOWED)('allows %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(transition(from, to)).toEqual({ ok: true, value: to });
  });

  it.each(ILLEGAL)('refuses %s -> %s with an IllegalTransition', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(transition(from, to)).toEqual({ ok: false, error: { code: 'SERVICE.ILLEGAL_TRANSITION', from, to } });
  });

  it('allows nothing beyond the listed transitions', () => {
    const listed = new Set(ALLOWED.map(([f, t]) => `${f} -> ${t}`));
    const pairs = SERVICE_STATES.flatMap((from) => SERVICE_STATES.filter((to) => to !== from).map((to) => [from, to] as const));
    const extra = pairs.filter(([f, t]) => canTransition(f, t) && !listed.has(`${f} -> ${t}`));
    expect(extra).toEqual([]);
    expect(pairs.filter(([f, t]) => canTransition(f, t))).toHaveLength(ALLOWED.length);
  });

  it.each(SERVICE_STATES.map((s) => [s]))('allows staying in %s', (state) => {
    expect(transition(state, state)).toEqual({ ok: true, value: state });
  });

  it('can reach every state from stopped, and get back to stopped from each', () => {
    const reachable = new Set<ServiceState>(['stopped']);
    let size = 0;
    while (reachable.size > size) {
      size = reachable.size;
      for (const [from, to] of ALLOWED) if (reachable.has(from)) reachable.add(to);
    }
    expect([...reachable].sort()).toEqual([...SERVICE_STATES].sort());
    for (const s of SERVICE_STATES) if (s !== 'stopped') expect(canTransition(s, 'stopped')).toBe(true);
  });
});

describe(isActive.name, () => {
  it.each<[ServiceState, boolean]>([
    ['starting', true],
    ['running', true],
    ['unhealthy', true],
    ['restarting', true],
    ['waiting-for-cluster', true],
    ['failed', false],
    ['stopped', false],
    ['disabled', false],
  ])('%s -> %s', (state, active) => {
    expect(isActive(state)).toBe(active);
  });
});

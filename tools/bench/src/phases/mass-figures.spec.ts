import { massSection, MassMeasurement, stretchAt } from './mass-figures';

const measured = (over: Partial<MassMeasurement> = {}): MassMeasurement => ({
  services: 2_000, upAtMs: 10, upDoneAtMs: 8_010, downAtMs: 8_020, downDoneAtMs: 9_020,
  summary: { count: 900, p50: 4.2, p99: 61.3, max: 88.8, slowest: [{ ms: 88.8, atMs: 1_500 }, { ms: 70, atMs: 8_500 }] },
  errors: [], statusBytes: 790_400, loadBefore: 0.5, loadAfter: 1.9,
  ...over,
});

const figure = (m: MassMeasurement, id: string) => massSection(m).figures.find((f) => f.id === id)!;

describe(stretchAt.name, () => {
  it('names the stretch a request was sent in, each start inclusive', () => {
    const m = measured();
    expect([0, 10, 8_009, 8_010, 8_020, 9_019, 9_020].map((t) => stretchAt(m, t))).toEqual([
      'before the reload', 'reloading up', 'reloading up', 'all running', 'reloading down', 'reloading down', 'back at 2',
    ]);
  });
});

describe(massSection.name, () => {
  it('meets the target when every status was answered and the slowest took under 100 ms', () => {
    expect(figure(measured(), 'mass.status.max')).toMatchObject({ value: '88.8 ms', spread: 'p99 61.3 ms', target: '< 100 ms', verdict: 'PASS' });
  });

  it('misses it at 100 ms or more', () => {
    expect(figure(measured({ summary: { ...measured().summary, max: 100 } }), 'mass.status.max').verdict).toBe('MISS');
  });

  it('misses it when a request went unanswered, however fast the others were', () => {
    const f = figure(measured({ errors: ['5000 ms: status: no reply within 30000 ms'] }), 'mass.status.max');
    expect(f).toMatchObject({ verdict: 'MISS', spread: 'p99 61.3 ms; 1 unanswered' });
  });

  it('misses it when no request was made at all', () => {
    expect(figure(measured({ summary: { count: 0, p50: NaN, p99: NaN, max: NaN, slowest: [] } }), 'mass.status.max').verdict).toBe('MISS');
  });

  it('reports the reload rate, the way back, and the slowest requests with their stretch', () => {
    const s = massSection(measured());
    expect(figure(measured(), 'mass.up')).toMatchObject({ value: '8.00 s', spread: '250 services/s' });
    expect(figure(measured(), 'mass.down').value).toBe('1.00 s');
    expect(s.facts[0]).toContain('88.8 ms at 1.50 s (reloading up), 70.0 ms at 8.50 s (reloading down)');
    expect(s.facts[1]).toContain('790 KB');
  });
});

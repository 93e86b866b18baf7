import { nextCheckDelay } from './health-loop';

describe(nextCheckDelay.name, () => {
  it('waits the interval, stretched to the next whole second of the monotonic clock', () => {
    expect(nextCheckDelay(30_000, 12_000)).toBe(30_000);
    expect(nextCheckDelay(30_000, 12_001)).toBe(30_999);
    expect(nextCheckDelay(30_000, 12_999)).toBe(30_001);
  });

  it('puts checks that ended within the same second on the same tick', () => {
    const dueAt = (ended: number) => ended + nextCheckDelay(30_000, ended);
    expect(new Set([5_010, 5_400, 5_999].map(dueAt))).toEqual(new Set([36_000]));
  });

  it('stretches a short interval by at most a tenth of it', () => {
    expect(nextCheckDelay(1_000, 200)).toBe(1_000);
    expect(nextCheckDelay(1_000, 201)).toBe(1_099);
    expect(nextCheckDelay(5, 3)).toBe(5);
  });
});

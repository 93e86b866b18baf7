import { MathRandom } from './math-random.adapter';
import { SystemClock } from './system-clock.adapter';

describe(SystemClock.name, () => {
  const clock = new SystemClock();

  it('reports wall time close to Date.now and monotonic time that never goes back', () => {
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50);
    const readings = Array.from({ length: 1000 }, () => clock.monotonic());
    for (let i = 1; i < readings.length; i++) expect(readings[i]).toBeGreaterThanOrEqual(readings[i - 1]);
  });

  it('fires a timer once after roughly the delay', async () => {
    const start = clock.monotonic();
    const firedAt = await new Promise<number>((resolve) => clock.setTimer(30, () => resolve(clock.monotonic())));
    expect(firedAt - start).toBeGreaterThanOrEqual(29);
  });

  it('never fires a cancelled timer, and cancel is idempotent', async () => {
    let fired = 0;
    const timer = clock.setTimer(10, () => fired++);
    timer.cancel();
    timer.cancel();
    await new Promise<void>((resolve) => clock.setTimer(40, resolve));
    expect(fired).toBe(0);
  });

  it('treats negative or non-finite delays safely', async () => {
    await new Promise<void>((resolve) => clock.setTimer(-5, resolve));
    const never = clock.setTimer(Number.POSITIVE_INFINITY, () => {
      throw new Error('must not fire');
    });
    never.cancel();
  });
});

describe(MathRandom.name, () => {
  it('returns numbers in [0, 1) that vary', () => {
    const random = new MathRandom();
    const values = Array.from({ length: 200 }, () => random.next());
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(150);
  });
});

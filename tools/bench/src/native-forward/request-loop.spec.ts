import { RequestLoop } from './request-loop';

describe(RequestLoop.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('starts one request at once and one per period, without waiting for slow ones, and keeps every outcome', async () => {
    let calls = 0;
    const slow: Array<() => void> = [];
    const loop = new RequestLoop(() => {
      calls++;
      if (calls === 1) return new Promise<void>((resolve) => slow.push(resolve));
      if (calls === 3) return Promise.reject(new Error('load worker: read ECONNRESET'));
      return Promise.resolve();
    }, 100);
    await jest.advanceTimersByTimeAsync(250);
    expect(calls).toBe(3);
    const stopped = loop.stop();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(calls).toBe(3);
    slow[0]();
    const outcomes = await stopped;
    expect(outcomes.map((o) => [o.ok, o.error])).toEqual([
      [true, undefined],
      [true, undefined],
      [false, 'ECONNRESET'],
    ]);
    expect(outcomes[0].endedAt - outcomes[0].startedAt).toBeGreaterThanOrEqual(1_000);
  });
});

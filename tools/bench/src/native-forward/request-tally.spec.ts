import { describeErrors, RequestOutcome, servedAgainAfterMs, tallyRequests } from './request-tally';
import { failureKind } from './request-loop';

const ok = (startedAt: number, endedAt: number): RequestOutcome => ({ startedAt, endedAt, ok: true });
const failed = (startedAt: number, error?: string): RequestOutcome => ({ startedAt, endedAt: startedAt + 1, ok: false, error });

describe(tallyRequests.name, () => {
  it('counts nothing failed in a clean loop', () => {
    expect(tallyRequests([ok(0, 2), ok(100, 103)])).toEqual({ total: 2, failed: 0, byError: {}, firstFailureAt: null });
  });

  it('counts failures by error, unknown ones apart, and finds the earliest one whatever the order', () => {
    const t = tallyRequests([ok(0, 2), failed(300, 'ECONNRESET'), failed(200, 'ECONNRESET'), failed(400)]);
    expect(t).toEqual({ total: 4, failed: 3, byError: { ECONNRESET: 2, unknown: 1 }, firstFailureAt: 200 });
  });
});

describe(servedAgainAfterMs.name, () => {
  it('is the first success ending at or after readiness, including one that waited from before', () => {
    expect(servedAgainAfterMs(1_000, [ok(900, 1_030), ok(1_050, 1_060), failed(950)])).toBe(30);
  });

  it('ignores successes that ended before readiness and failures after it', () => {
    expect(servedAgainAfterMs(1_000, [ok(0, 10), failed(1_100, 'ECONNREFUSED'), ok(1_200, 1_450)])).toBe(450);
  });

  it('is null when nothing was served after readiness', () => {
    expect(servedAgainAfterMs(1_000, [ok(0, 10), failed(1_100, 'ECONNREFUSED')])).toBeNull();
  });
});

describe(describeErrors.name, () => {
  it('lists the commonest error first, and says none for an empty tally', () => {
    expect(describeErrors({ timeout: 1, ECONNRESET: 3 })).toBe('ECONNRESET 3, timeout 1');
    expect(describeErrors({})).toBe('none');
  });
});

describe(failureKind.name, () => {
  it('names the failures the load worker reports', () => {
    expect(failureKind('load worker: read ECONNRESET')).toBe('ECONNRESET');
    expect(failureKind('load worker: connect ECONNREFUSED 127.0.0.1:4000')).toBe('ECONNREFUSED');
    expect(failureKind('load worker: connection closed after 0/16 bytes')).toBe('closed before the echo');
    expect(failureKind('load worker: no reply within 2000 ms (0/16 bytes)')).toBe('timeout');
  });
});

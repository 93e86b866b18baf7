import { backoffDelay, decideRestart, RestartDecision, RestartHistory } from './decide-restart';
import { DEFAULT_RESTART_POLICY, RestartPolicy } from './restart-policy';

const NOW = 1_700_000_000_000;
/** 1 s, x2, capped at 60 s, no jitter, reset after 60 s healthy, never give up. */
const policy = (overrides: Partial<RestartPolicy> = {}): RestartPolicy => ({
  enabled: true,
  maxAttempts: 0,
  initialDelayMs: 1_000,
  backoffMultiplier: 2,
  maxDelayMs: 60_000,
  jitter: 0,
  resetAfterMs: 60_000,
  ...overrides,
});

describe(decideRestart.name, () => {
  // attempts already made -> the decision for the next failure
  const table: ReadonlyArray<[string, Partial<RestartPolicy>, RestartHistory, number, RestartDecision]> = [
    ['first retry is immediate', {}, { attempts: 0 }, NOW, { kind: 'restart', attempt: 1, delayMs: 0 }],
    ['second retry waits the initial delay', {}, { attempts: 1 }, NOW, { kind: 'restart', attempt: 2, delayMs: 1_000 }],
    ['third retry waits initial x multiplier', {}, { attempts: 2 }, NOW, { kind: 'restart', attempt: 3, delayMs: 2_000 }],
    ['retry 5 waits initial x multiplier^3', {}, { attempts: 4 }, NOW, { kind: 'restart', attempt: 5, delayMs: 8_000 }],
    ['multiplier 1.5 grows by half', { backoffMultiplier: 1.5 }, { attempts: 3 }, NOW, { kind: 'restart', attempt: 4, delayMs: 2_250 }],
    ['delay is capped at max_delay', {}, { attempts: 8 }, NOW, { kind: 'restart', attempt: 9, delayMs: 60_000 }],
    ['cap holds far past it', {}, { attempts: 50 }, NOW, { kind: 'restart', attempt: 51, delayMs: 60_000 }],
    ['multiplier 1 keeps a constant delay', { backoffMultiplier: 1 }, { attempts: 7 }, NOW, { kind: 'restart', attempt: 8, delayMs: 1_000 }],
    ['healthy for resetAfter forgets attempts', {}, { attempts: 6, healthySince: NOW - 60_000 }, NOW, { kind: 'restart', attempt: 1, delayMs: 0 }],
    ['healthy for longer than resetAfter forgets attempts', {}, { attempts: 6, healthySince: NOW - 3_600_000 }, NOW, { kind: 'restart', attempt: 1, delayMs: 0 }],
    ['healthy for just under resetAfter keeps attempts', {}, { attempts: 3, healthySince: NOW - 59_999 }, NOW, { kind: 'restart', attempt: 4, delayMs: 4_000 }],
    ['below max_attempts restarts', { maxAttempts: 3 }, { attempts: 2 }, NOW, { kind: 'restart', attempt: 3, delayMs: 2_000 }],
    ['max_attempts reached gives up', { maxAttempts: 3 }, { attempts: 3 }, NOW, { kind: 'give-up', attempts: 3, reason: 'gave up after 3 restart attempts' }],
    ['beyond max_attempts still gives up', { maxAttempts: 3 }, { attempts: 5 }, NOW, { kind: 'give-up', attempts: 5, reason: 'gave up after 5 restart attempts' }],
    ['one attempt is singular', { maxAttempts: 1 }, { attempts: 1 }, NOW, { kind: 'give-up', attempts: 1, reason: 'gave up after 1 restart attempt' }],
    ['a reset makes a spent budget usable again', { maxAttempts: 3 }, { attempts: 3, healthySince: NOW - 60_000 }, NOW, { kind: 'restart', attempt: 1, delayMs: 0 }],
    ['max_attempts 0 never gives up', { maxAttempts: 0 }, { attempts: 1_000 }, NOW, { kind: 'restart', attempt: 1_001, delayMs: 60_000 }],
    ['max_attempts 0 never gives up, even at 100000', { maxAttempts: 0 }, { attempts: 100_000 }, NOW, { kind: 'restart', attempt: 100_001, delayMs: 60_000 }],
    ['a disabled policy gives up at once', { enabled: false }, { attempts: 0 }, NOW, { kind: 'give-up', attempts: 0, reason: 'restart policy is disabled' }],
    ['a disabled policy gives up with the count', { enabled: false }, { attempts: 4 }, NOW, { kind: 'give-up', attempts: 4, reason: 'restart policy is disabled' }],
  ];

  it.each(table)('%s', (_name, overrides, history, now, expected) => {
    expect(decideRestart(policy(overrides), history, now, 0.5)).toEqual(expected);
  });

  it('walks the whole schedule of the default policy (x2 from 1 s, capped at 300 s)', () => {
    const p = { ...DEFAULT_RESTART_POLICY, jitter: 0 };
    const delays = Array.from({ length: 12 }, (_, attempts) => decideRestart(p, { attempts }, NOW));
    expect(delays.map((d) => (d.kind === 'restart' ? d.delayMs : -1))).toEqual([
      0, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000,
    ]);
  });

  it('applies the jitter sample it is given', () => {
    const p = policy({ jitter: 0.5 });
    expect(decideRestart(p, { attempts: 2 }, NOW, 0)).toEqual({ kind: 'restart', attempt: 3, delayMs: 1_000 });
    expect(decideRestart(p, { attempts: 2 }, NOW, 0.999_999)).toEqual({ kind: 'restart', attempt: 3, delayMs: 3_000 });
  });
});

describe(backoffDelay.name, () => {
  it.each([
    [0, 0],
    [-1, 0],
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [6, 32_000],
    [7, 60_000],
    [30, 60_000],
  ])('after %i attempts waits %i ms', (attempts, delay) => {
    expect(backoffDelay(policy(), attempts)).toBe(delay);
  });

  it.each([
    // sample, expected delay for base 10 000 ms with jitter 0.2
    [0, 8_000],
    [0.25, 9_000],
    [0.5, 10_000],
    [0.75, 11_000],
    [0.999_999_9, 12_000],
    [1, 12_000],
  ])('jitter 0.2 with sample %d spreads 10 s to %i ms', (sample, delay) => {
    expect(backoffDelay(policy({ initialDelayMs: 10_000, jitter: 0.2 }), 1, sample)).toBe(delay);
  });

  it.each([
    ['below 0', -3, 8_000],
    ['above 1', 7, 12_000],
    ['NaN', Number.NaN, 10_000],
    ['Infinity', Number.POSITIVE_INFINITY, 10_000],
  ])('treats a sample %s as clamped (or as the middle when not finite)', (_name, sample, delay) => {
    expect(backoffDelay(policy({ initialDelayMs: 10_000, jitter: 0.2 }), 1, sample)).toBe(delay);
  });

  it('stays within +-jitter of the base delay for every sample', () => {
    const p = policy({ initialDelayMs: 4_000, jitter: 0.25 });
    for (let i = 0; i <= 100; i++) {
      const d = backoffDelay(p, 1, i / 100);
      expect(d).toBeGreaterThanOrEqual(3_000);
      expect(d).toBeLessThanOrEqual(5_000);
    }
  });

  it('never exceeds max_delay, even when the jitter would push a capped delay above it', () => {
    const p = policy({ jitter: 0.5 });
    for (let attempts = 0; attempts <= 40; attempts++) {
      for (const sample of [0, 0.5, 0.999, 1]) expect(backoffDelay(p, attempts, sample)).toBeLessThanOrEqual(60_000);
    }
    expect(backoffDelay(p, 20, 1)).toBe(60_000);
    expect(backoffDelay(p, 20, 0)).toBe(30_000);
  });

  it('never goes below 0 with full jitter', () => {
    const p = policy({ jitter: 1 });
    expect(backoffDelay(p, 1, 0)).toBe(0);
    expect(backoffDelay(p, 1, 1)).toBe(2_000);
  });

  it('returns whole milliseconds', () => {
    expect(backoffDelay(policy({ initialDelayMs: 1_000, backoffMultiplier: 1.3 }), 3)).toBe(1_690);
    expect(Number.isInteger(backoffDelay(policy({ initialDelayMs: 333, jitter: 0.1 }), 2, 0.37))).toBe(true);
  });

  it.each([
    ['x2', 2, 2_000],
    ['x10', 10, 400],
  ])('stays 0 with a 0 initial delay, however many attempts (%s)', (_name, backoffMultiplier, attempts) => {
    const d = backoffDelay(policy({ initialDelayMs: 0, backoffMultiplier, jitter: 0.1 }), attempts);
    expect(d).toBe(0);
  });
});

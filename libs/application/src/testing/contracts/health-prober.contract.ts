import { HealthCheckSpec } from '@localport/domain';
import { HealthProber, HealthTarget } from '../../ports/health-prober.port';

/** A target that accepts and never answers, with the check to run against it. */
export interface HungTarget {
  readonly target: HealthTarget;
  readonly spec: HealthCheckSpec;
  /** What the timeout message says. */
  readonly message: string | RegExp;
  /** Resolves once the prober closed its connection (nothing left open). */
  closed(): Promise<void>;
  stop(): Promise<void>;
}

/** What the contract needs around one HealthProber: the fake, or a real prober with a real server. */
export interface HealthProberHarness {
  readonly prober: HealthProber;
  /** A check of the prober's type; `timeoutMs` as given. */
  spec(timeoutMs: number): HealthCheckSpec;
  /** A live server that passes the check. */
  healthy(): Promise<HealthTarget>;
  /** An address nothing listens on. */
  refused(): Promise<HealthTarget>;
  /** What the failure for a refused connection says. */
  readonly refusedMessage: string | RegExp;
  /** A server that accepts and never answers; absent where an accepted connection already passes (tcp). */
  readonly hung: ((timeoutMs: number) => Promise<HungTarget>) | null;
  /** Lets `ms` pass (the fake's clock; real probers wait on their own). */
  passTime(ms: number): Promise<void>;
  close(): Promise<void>;
}

const live = () => new AbortController().signal;
const matching = (m: string | RegExp) => (typeof m === 'string' ? expect.stringContaining(m) : expect.stringMatching(m));

/**
 * The HealthProber contract: a result for everything (never a rejection), HEALTH.FAILED with what
 * was seen, HEALTH.TIMEOUT within the spec's timeout, and a cancelled check answered at once.
 */
export function describeHealthProberContract(
  name: string,
  make: () => Promise<HealthProberHarness>,
  { timeoutMs = 60_000, waitsForAnAnswer = true }: { timeoutMs?: number; /** false for a check an accepted connection passes (tcp) */ waitsForAnAnswer?: boolean } = {},
): void {
  describe(`HealthProber contract: ${name}`, () => {
    let h: HealthProberHarness;
    beforeAll(async () => {
      h = await make();
    }, timeoutMs);
    afterAll(() => h?.close(), timeoutMs);

    it('passes against a live server', async () => {
      expect(await h.prober.check(h.spec(5_000), await h.healthy(), live())).toEqual({ ok: true, value: undefined });
    }, timeoutMs);

    it('fails with HEALTH.FAILED, saying what it saw, when nothing listens', async () => {
      expect(await h.prober.check(h.spec(5_000), await h.refused(), live())).toMatchObject({ ok: false, error: { code: 'HEALTH.FAILED', message: matching(h.refusedMessage) } });
    }, timeoutMs);

    it('answers HEALTH.FAILED at once for a cancelled check', async () => {
      const result = await h.prober.check(h.spec(5_000), await h.healthy(), AbortSignal.abort());
      expect(result).toMatchObject({ ok: false, error: { code: 'HEALTH.FAILED', message: expect.stringContaining('cancelled') } });
    }, timeoutMs);

    if (!waitsForAnAnswer) return;
    it('times out with HEALTH.TIMEOUT against a server that never answers, and closes its connection', async () => {
      if (!h.hung) throw new Error(`${name}: a check that waits for an answer needs a hung target`);
      const hung = await h.hung(300);
      try {
        const started = Date.now();
        const checking = h.prober.check(hung.spec, hung.target, live());
        await h.passTime(300);
        expect(await checking).toMatchObject({ ok: false, error: { code: 'HEALTH.TIMEOUT', message: matching(hung.message) } });
        expect(Date.now() - started).toBeLessThan(3_000);
        await hung.closed();
      } finally {
        await hung.stop();
      }
    }, timeoutMs);
  });
}

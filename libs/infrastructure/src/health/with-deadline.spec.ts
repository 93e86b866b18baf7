import { ok } from '@localport/domain';
import { CheckResult, withDeadline } from './with-deadline';

const never = (signal: AbortSignal) => new Promise<CheckResult>((resolve) => signal.addEventListener('abort', () => resolve(ok(undefined))));

describe(withDeadline.name, () => {
  it('passes the result of a check that finishes in time', async () => {
    expect(await withDeadline('x', 1_000, new AbortController().signal, async () => ok(undefined))).toEqual({ ok: true, value: undefined });
  });

  it('answers HEALTH.TIMEOUT when time runs out, and aborts the check so it can clean up', async () => {
    let inner: AbortSignal | undefined;
    const result = await withDeadline('tcp check of a:1', 30, new AbortController().signal, (s) => ((inner = s), never(s)));

    expect(result).toMatchObject({ ok: false, error: { code: 'HEALTH.TIMEOUT', message: 'tcp check of a:1 timed out after 30 ms' } });
    expect(inner?.aborted).toBe(true);
  });

  it('answers HEALTH.FAILED when the caller cancels, HEALTH.TIMEOUT when the caller timed out', async () => {
    const cancel = new AbortController();
    const cancelled = withDeadline('c', 10_000, cancel.signal, never);
    cancel.abort();

    expect(await cancelled).toMatchObject({ ok: false, error: { code: 'HEALTH.FAILED', message: 'c was cancelled' } });
    expect(await withDeadline('t', 10_000, AbortSignal.timeout(10), never)).toMatchObject({ ok: false, error: { code: 'HEALTH.TIMEOUT' } });
    expect(await withDeadline('pre', 10_000, AbortSignal.abort(), never)).toMatchObject({ ok: false, error: { code: 'HEALTH.FAILED' } });
  });

  it('turns a throwing check into HEALTH.FAILED with the cause kept', async () => {
    const boom = new Error('boom');
    const result = await withDeadline('x', 1_000, new AbortController().signal, async () => {
      throw boom;
    });

    expect(result).toMatchObject({ ok: false, error: { code: 'HEALTH.FAILED', message: 'x failed: boom', cause: boom } });
  });
});

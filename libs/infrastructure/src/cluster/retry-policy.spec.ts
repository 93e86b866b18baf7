import { err, ok, Result } from '@localport/domain';
import { ClusterProbeError, ClusterProbeErrorCode } from './cluster-probe.errors';
import { withRetries } from './retry-policy';

const failing = (code: ClusterProbeErrorCode, okAfter = Infinity) => {
  const calls: number[] = [];
  const attempt = async (): Promise<Result<string, ClusterProbeError>> => {
    calls.push(Date.now());
    return calls.length > okAfter ? ok('up') : err(new ClusterProbeError(code, code));
  };
  return { calls, attempt };
};

describe(withRetries.name, () => {
  const signal = new AbortController().signal;

  it('retries timeouts with doubling delays, then gives up', async () => {
    const { calls, attempt } = failing('CLUSTER.TIMEOUT');
    const r = await withRetries(attempt, { retryAttempts: 2, backoffBaseMs: 40, signal });
    expect(r).toMatchObject({ ok: false, error: { code: 'CLUSTER.TIMEOUT' } });
    expect(calls).toHaveLength(3);
    expect(calls[1] - calls[0]).toBeGreaterThanOrEqual(35);
    expect(calls[2] - calls[1]).toBeGreaterThanOrEqual(75);
  });

  it('stops as soon as an attempt succeeds', async () => {
    const { calls, attempt } = failing('CLUSTER.UNREACHABLE', 1);
    expect(await withRetries(attempt, { retryAttempts: 5, backoffBaseMs: 1, signal })).toEqual({ ok: true, value: 'up' });
    expect(calls).toHaveLength(2);
  });

  it('does not retry a refusal by the server (403, 404, not ready)', async () => {
    const { calls, attempt } = failing('CLUSTER.REQUEST_FAILED');
    await withRetries(attempt, { retryAttempts: 3, backoffBaseMs: 1, signal });
    expect(calls).toHaveLength(1);
  });

  it('ends the backoff wait when the check is aborted', async () => {
    const { calls, attempt } = failing('CLUSTER.TIMEOUT');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const started = Date.now();
    const r = await withRetries(attempt, { retryAttempts: 3, backoffBaseMs: 10_000, signal: controller.signal });
    expect(r).toMatchObject({ ok: false, error: { code: 'CLUSTER.ABORTED' } });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(calls).toHaveLength(1);
  });
});

import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `condition` every few ms until it holds; rejects after `timeoutMs`. For state with no event to await. */
export async function waitUntil(condition: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await sleep(5);
  }
}

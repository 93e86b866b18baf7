import type { ChildEnd, SpawnedChild } from './spawn-child';

const hasEnded = (child: SpawnedChild) => child.pid === undefined || child.process.exitCode !== null || child.process.signalCode !== null;

/** Ends a child: SIGTERM, then SIGKILL after `graceMs`. Resolves with how it ended, once it is gone. */
export async function stopChild(child: SpawnedChild, graceMs = 3_000): Promise<ChildEnd> {
  if (hasEnded(child)) return child.ended;
  child.process.kill('SIGTERM');
  const killTimer = setTimeout(() => {
    if (!hasEnded(child)) child.process.kill('SIGKILL');
  }, graceMs);
  try {
    return await child.ended;
  } finally {
    clearTimeout(killTimer);
  }
}

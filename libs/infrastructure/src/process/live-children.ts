import type { SpawnedChild } from './spawn-child';

const live = new Set<SpawnedChild>();

/** Registers a child until it ends, so the daemon can take it down on exit. */
export function trackChild(child: SpawnedChild): void {
  live.add(child);
  void child.ended.then(() => live.delete(child));
}

/** Children started through `spawnChild` that have not ended yet. */
export const liveChildren = (): readonly SpawnedChild[] => [...live];

/**
 * Sends `signal` to every live child and returns how many were signalled. Synchronous, so apps can call it
 * from `process.on('exit')`; a crash is covered by the ChildProcessLedger instead.
 */
export function killAllChildren(signal: NodeJS.Signals = 'SIGTERM'): number {
  let signalled = 0;
  for (const child of live) {
    if (child.process.exitCode === null && child.process.signalCode === null && child.process.kill(signal)) signalled++;
  }
  return signalled;
}

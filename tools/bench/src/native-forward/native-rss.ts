import { readFileSync } from 'node:fs';
import { FakeClusterInfo } from './fake-cluster-process';
import { benchService, ForwardPath, nativeLauncher, relayedPath } from './forward-paths';
import { throughputMBps } from './path-measurements';

/** What the RSS child reports. */
export interface NativeRssReport {
  readonly services: number;
  readonly baselineMb: number;
  readonly withServicesMb: number;
  readonly openSockets: number;
}

const rssMb = (): number => {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return Number(kb ?? 0) / 1024;
};

const settle = async (): Promise<void> => {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 1_000));
};

/**
 * Runs in its own process: loads the forwarder (client-node included), then starts `n` native services with
 * LocalPort's relay in front, sends one small exchange through each (so each also holds its spare WebSocket and
 * its watch), and reports the process RSS before and after.
 */
export async function measureNativeRss(info: FakeClusterInfo, n: number): Promise<NativeRssReport> {
  const launcher = nativeLauncher(info);
  // Load every module a service needs before the baseline: one service up and down.
  const warm = await relayedPath('warm-up', launcher, benchService(0));
  await warm.stop();
  await settle();
  const baselineMb = rssMb();
  const paths: ForwardPath[] = [];
  for (let i = 0; i < n; i++) paths.push(await relayedPath(`app-${i}`, launcher, benchService(i % info.pods)));
  for (const p of paths) await throughputMBps(p.port, 4096);
  await settle();
  const report = { services: n, baselineMb, withServicesMb: rssMb(), openSockets: (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length };
  await Promise.all(paths.map((p) => p.stop()));
  return report;
}

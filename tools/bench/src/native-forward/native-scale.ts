import { NativeKubeTunnelLauncherOptions } from '@localport/infrastructure';
import { readFileSync } from 'node:fs';
import { FakeClusterInfo } from './fake-cluster-process';
import { benchService, ForwardPath, nativeLauncher, relayedPath } from './forward-paths';
import { throughputMBps } from './path-measurements';

/** What the scale child reports. */
export interface NativeScaleReport {
  readonly services: number;
  readonly baselineMb: number;
  readonly withServicesMb: number;
  readonly openHandles: number;
  /** CPU of this process over the idle window, % of one core. */
  readonly idleCpuPct: number;
  readonly idleSeconds: number;
  /** Peak RSS during the idle window. */
  readonly idlePeakMb: number;
}

const rssMb = (): number => {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return Number(kb ?? 0) / 1024;
};

/** Services launched at once. */
const LAUNCH_BATCH = 20;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const settle = async (): Promise<void> => {
  (globalThis as { gc?: () => void }).gc?.();
  await sleep(1_000);
};

/**
 * Runs in its own process, standing in for the daemon: loads the forwarder (client-node included), starts `n` native
 * services with LocalPort's relay in front, sends one small exchange through each (so each also holds its spare
 * WebSocket and its watch), then stays idle for `idleSeconds` while its CPU time and RSS are read.
 */
export async function measureNativeScale(info: FakeClusterInfo, n: number, idleSeconds: number, options: NativeKubeTunnelLauncherOptions = {}): Promise<NativeScaleReport> {
  const launcher = nativeLauncher(info.kubeconfig, options);
  // Load every module a service needs before the baseline: one service up and down.
  const warm = await relayedPath('warm-up', launcher, benchService(0));
  await warm.stop();
  await settle();
  const baselineMb = rssMb();
  const paths: ForwardPath[] = [];
  // In batches, as the daemon starts services concurrently; one after another would take a minute on a busy machine.
  for (let i = 0; i < n; i += LAUNCH_BATCH) {
    const batch = Array.from({ length: Math.min(LAUNCH_BATCH, n - i) }, (_, k) => relayedPath(`app-${i + k}`, launcher, benchService((i + k) % info.pods)));
    paths.push(...(await Promise.all(batch)));
  }
  for (const p of paths) await throughputMBps(p.port, 4096);
  await settle();
  const withServicesMb = rssMb();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let idlePeakMb = withServicesMb;
  for (let left = idleSeconds * 1000; left > 0; left -= 1_000) {
    await sleep(Math.min(1_000, left));
    idlePeakMb = Math.max(idlePeakMb, rssMb());
  }
  const cpu = process.cpuUsage(cpu0);
  const idleCpuPct = ((cpu.user + cpu.system) / 1000 / (performance.now() - t0)) * 100;
  const openHandles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length;
  await Promise.all(paths.map((p) => p.stop()));
  return { services: n, baselineMb, withServicesMb, openHandles, idleCpuPct, idleSeconds, idlePeakMb };
}

#!/usr/bin/env node
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { FakeClusterInfo, serveFakeCluster } from './fake-cluster-process';
import { benchService, ForwardPath, kubectlForwarderPath, nativeLauncher, plainKubectlPath, relayedPath } from './forward-paths';
import { measureNativeRss, NativeRssReport } from './native-rss';
import { pingPongP50Us, throughputMBps, timeToFirstByteMs } from './path-measurements';

// dist/tools/bench/native-forward-main.js: native forwarder vs plain `kubectl port-forward` (and the kubectl forwarder)
// against the fake API server (TLS) in a child process. `--services N` (default 200) for the RSS figure.
process.noDeprecation = true;
const MB = 1024 * 1024;
const argv = process.argv.slice(2);
const arg = (name: string, fallback: number): number => Number(argv[argv.indexOf(name) + 1] ?? fallback) || fallback;
const services = arg('--services', 200);

function child(args: string[]): Promise<{ line: string; stop: () => void }> {
  const p = spawn(process.execPath, ['--expose-gc', __filename, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    p.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}`)));
    createInterface({ input: p.stdout! }).once('line', (line) => resolve({ line, stop: () => p.stdin!.end() }));
  });
}

const rssOfPid = (pid: number | undefined): number => Number(/VmRSS:\s+(\d+)/.exec(pid ? readFileSync(`/proc/${pid}/status`, 'utf8') : '')?.[1] ?? 0) / 1024;

async function measurePath(path: ForwardPath, echoPort: number, log: (s: string) => void): Promise<string[]> {
  const mbps: number[] = [];
  for (let i = 0; i < 3; i++) mbps.push(await throughputMBps(path.port, 64 * MB));
  const p50 = await pingPongP50Us(path.port, 2000);
  const base = await pingPongP50Us(echoPort, 2000);
  const ttfb = await timeToFirstByteMs(path.port, 30);
  log(`${path.name}: ${mbps.map((x) => x.toFixed(0)).join('/')} MB/s, p50 ${p50.toFixed(0)} µs (direct ${base.toFixed(0)} µs), TTFB ${ttfb.toFixed(2)} ms`);
  const best = [...mbps].sort((a, b) => a - b)[1];
  return [path.name, `${best.toFixed(0)} MB/s`, `${((p50 - base) / 1000).toFixed(3)} ms`, `${ttfb.toFixed(2)} ms`];
}

async function main(): Promise<void> {
  if (argv[0] === '--role' && argv[1] === 'fake') return serveFakeCluster(arg('--pods', 1));
  if (argv[0] === '--role' && argv[1] === 'rss') {
    const report = await measureNativeRss(JSON.parse(argv[2]) as FakeClusterInfo, arg('--services', 200));
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return process.exit(0);
  }
  const log = (s: string): void => void process.stderr.write(`[bench:native] ${s}\n`);
  log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on this machine before the run`);
  // One pod for the path figures: the fake diffs its state for watches every 25 ms, and with 200 pods that work (in
  // the fake, not in a forwarder) would slow the native path's API server alone. The RSS phase gets its own.
  const fake = await child(['--role', 'fake', '--pods', '1']);
  const info = JSON.parse(fake.line) as FakeClusterInfo;
  const rows: string[][] = [];
  let kubectlRss = 0;
  try {
    const native = await relayedPath('native (relay + in-process v4.channel)', nativeLauncher(info), benchService(0));
    rows.push(await measurePath(native, info.echoPort, log));
    await native.stop();
    const plain = await plainKubectlPath(info);
    rows.push(await measurePath(plain, info.echoPort, log));
    await plain.stop();
    const forwarder = await kubectlForwarderPath(info);
    kubectlRss = rssOfPid(forwarder.pid);
    rows.push(await measurePath(forwarder, info.echoPort, log));
    await forwarder.stop();
    const big = await child(['--role', 'fake', '--pods', String(services)]);
    const rss = JSON.parse((await child(['--role', 'rss', big.line, '--services', String(services)])).line) as NativeRssReport;
    big.stop();
    rmSync((JSON.parse(big.line) as FakeClusterInfo).dir, { recursive: true, force: true });
    const print = (r: string[]): void => void process.stdout.write(`${r.map((c, i) => c.padEnd(i === 0 ? 42 : 14)).join('')}\n`);
    print(['path (service/app-0:80, fake API over TLS)', 'throughput', 'added p50', 'TTFB p50']);
    rows.forEach(print);
    process.stdout.write(
      `\nRSS of ${rss.services} native services in one process: ${rss.withServicesMb.toFixed(0)} MB ` +
        `(${rss.baselineMb.toFixed(0)} MB with the forwarder loaded and none running; +${((rss.withServicesMb - rss.baselineMb) / rss.services * 1024).toFixed(0)} KB per service).\n` +
        `One kubectl port-forward process: ${kubectlRss.toFixed(0)} MB RSS (x ${rss.services} = ${((kubectlRss * rss.services) / 1024).toFixed(1)} GB).\n`,
    );
  } finally {
    fake.stop();
    rmSync(info.dir, { recursive: true, force: true });
  }
  process.exit(0);
}

main().catch((e: Error) => {
  process.stderr.write(`bench failed: ${e.stack ?? e.message}\n`);
  process.exit(1);
});

#!/usr/bin/env node
import { FakeClusterInfo, serveFakeCluster } from './fake-cluster-process';
import { HostedForwarder, serveForwarder } from './forwarder-process';
import { measureNativeScale } from './native-scale';

// dist/tools/bench/native-forward/native-forward-main.js: the helper processes of the bench's native measurements
// (tools/bench/src/phases/native.phase.ts). `--role fake --pods N [--target-port P]` holds a fake API server;
// `--role scale <fake info JSON> --services N --idle S` hosts N native services and reports RSS and idle CPU;
// `--role forward <kubeconfig> native|kubectl` hosts one forwarder behind the relay, as the daemon does.
// `npm run bench:native` runs those measurements alone (`npm run bench -- --only native`).
process.noDeprecation = true;
const argv = process.argv.slice(2);
const arg = (name: string, fallback: number): number => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);

async function main(): Promise<void> {
  if (argv[0] === '--role' && argv[1] === 'fake') return serveFakeCluster(arg('--pods', 1), arg('--target-port', 0));
  if (argv[0] === '--role' && argv[1] === 'forward') return serveForwarder(argv[2], argv[3] as HostedForwarder);
  if (argv[0] === '--role' && argv[1] === 'scale') {
    // --ping-ms and --no-spare take parts of the forwarder's idle work away, to find where the idle CPU goes.
    const options = { pingIntervalMs: arg('--ping-ms', 10_000), spare: !argv.includes('--no-spare') };
    const report = await measureNativeScale(JSON.parse(argv[2]) as FakeClusterInfo, arg('--services', 200), arg('--idle', 30), options);
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return process.exit(0);
  }
  process.stderr.write('this is a helper of the bench; run `npm run bench:native` (or `npm run bench -- --only native`)\n');
  process.exit(2);
}

main().catch((e: Error) => {
  process.stderr.write(`native bench helper failed: ${e.stack ?? e.message}\n`);
  process.exit(1);
});

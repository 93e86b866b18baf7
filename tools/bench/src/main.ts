#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseBenchArgs, USAGE } from './bench-options';
import { runBench } from './bench-run';
import { runWorker } from './workers/worker-main';
import { WorkerRole } from './workers/worker-rpc';

// Entry point of dist/tools/bench/main.js (`npm run bench` builds it first). The same bundle runs the bench's
// helper processes when started with `--role`.
process.noDeprecation = true; // spdy-transport (under the test API server) still calls `new Buffer()`

const argv = process.argv.slice(2);
if (argv[0] === '--role') {
  runWorker(argv[1] as WorkerRole);
} else {
  const parsed = parseBenchArgs(argv);
  if (typeof parsed === 'string' || parsed.help) {
    if (typeof parsed === 'string') process.stderr.write(`${parsed}\n`);
    process.stdout.write(USAGE);
    process.exit(typeof parsed === 'string' ? 2 : 0);
  }
  const root = resolve(__dirname, '..', '..', '..');
  const cliPath = join(root, 'dist', 'apps', 'cli', 'main.js');
  if (!existsSync(cliPath)) {
    process.stderr.write(`the CLI is not built (${cliPath} is missing): run 'npm run bench', which builds it\n`);
    process.exit(1);
  }
  const event = process.env.npm_lifecycle_event;
  // `npm run bench:native` and `bench:mass` are `npm run bench -- --only <that>`.
  const shortcut = event?.startsWith('bench:') ? event.slice('bench:'.length) : null;
  const command =
    shortcut && argv.join(' ') === `--only ${shortcut}`
      ? `npm run ${event}`
      : event === 'bench' || shortcut
        ? `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`
        : `node dist/tools/bench/main.js${argv.length ? ` ${argv.join(' ')}` : ''}`;
  const defaultOut = parsed.only ? join(root, 'dist', 'bench', 'partial.md') : join(root, 'docs', 'benchmarks.md');
  runBench({ plan: parsed.plan, cliPath, outPath: resolve(parsed.out ?? defaultOut), command, only: parsed.only }).then(
    (code) => process.exit(code),
    (e: Error) => {
      process.stderr.write(`bench failed: ${e.stack ?? e.message}\n`);
      process.exit(1);
    },
  );
}

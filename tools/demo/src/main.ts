#!/usr/bin/env node
import { demoEnvironment } from './demo-environment';
import { runDemo } from './demo-run';

// Entry point of dist/tools/demo/main.js, run by `npm run demo` (tools/scripts/demo.mjs builds it first).
const USAGE = `usage: npm run demo [-- --keep]

Starts a small demo Kubernetes cluster (the project's test API server with loopback servers
playing the pods), writes a kubeconfig and an SSH-free LocalPort config under tmp/demo/, brings
three kubectl services up through the LocalPort daemon, shows 'localport status', makes real
requests through the forwards, shows 'localport cluster status', and stops everything.

  --keep   leave everything running until Ctrl-C
`;

// spdy-transport (under the test API server's port-forwarding) still calls `new Buffer()`; keep that warning off screen.
process.noDeprecation = true;

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--keep' && a !== '--help' && a !== '-h');
if (args.includes('--help') || args.includes('-h') || unknown.length > 0) {
  if (unknown.length > 0) process.stderr.write(`unknown option ${unknown.join(' ')}\n`);
  process.stdout.write(USAGE);
  process.exit(unknown.length > 0 ? 2 : 0);
}

runDemo(demoEnvironment(__dirname, process.env), { keep: args.includes('--keep') }).then(
  (code) => process.exit(code),
  (e: Error) => {
    process.stderr.write(`demo failed: ${e.message}\n`);
    process.exit(1);
  },
);

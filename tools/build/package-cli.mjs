#!/usr/bin/env node
// Assembles the installable `localport` npm package in dist/packages/localport from the two bundles
// (`nx run cli:package`). The bundles carry every third-party module they use, so the package has no
// dependencies; the root package.json keeps its dependencies for development only.
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
// `--dist DIR` (where the builds are, default <repo>/dist) and `--out DIR` (default DIST/packages/localport).
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? resolve(process.argv[i + 1]) : undefined;
};
const dist = arg('--dist') ?? join(root, 'dist');
const out = arg('--out') ?? join(dist, 'packages', 'localport');
const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// The CLI finds the daemon at ../daemon/main.js beside itself, so the layout of dist/apps is kept.
const files = {
  'cli/main.js': join(dist, 'apps/cli/main.js'),
  'cli/cli.js': join(dist, 'apps/cli/cli.js'),
  // The Kubernetes client, bundled apart (tools/build/esbuild.config.cjs) and loaded by each bundle on first use.
  'cli/vendor/kube-client.js': join(dist, 'apps/cli/vendor/kube-client.js'),
  'daemon/main.js': join(dist, 'apps/daemon/main.js'),
  'daemon/vendor/kube-client.js': join(dist, 'apps/daemon/vendor/kube-client.js'),
  'README.md': join(root, 'README.md'),
};

rmSync(out, { recursive: true, force: true });
for (const [to, from] of Object.entries(files)) {
  mkdirSync(dirname(join(out, to)), { recursive: true });
  copyFileSync(from, join(out, to));
}
const pkg = {
  name: 'localport',
  version: rootPkg.version,
  description: rootPkg.description,
  license: rootPkg.license,
  keywords: ['kubectl', 'port-forward', 'ssh', 'tunnel', 'daemon'],
  engines: rootPkg.engines,
  os: ['linux', 'darwin'],
  bin: { localport: 'cli/main.js' },
  files: Object.keys(files),
};
writeFileSync(join(out, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
const bytes = Object.keys(files).reduce((n, f) => n + statSync(join(out, f)).size, 0);
console.log(`${out}: localport@${pkg.version}, ${(bytes / 1e6).toFixed(1)} MB unpacked, no dependencies`);

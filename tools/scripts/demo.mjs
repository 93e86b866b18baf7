#!/usr/bin/env node
// The README's main job (`npm run demo`): on a fresh clone, install dependencies if needed, build the
// CLI, the daemon and the demo program if they are missing or older than their sources, then run the
// demo (dist/tools/demo/main.js). Arguments are passed on, e.g. `npm run demo -- --keep`.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const outputs = ['dist/apps/cli/main.js', 'dist/apps/daemon/main.js', 'dist/tools/demo/main.js'].map((p) => join(root, p));
const sourceDirs = ['apps/cli/src', 'apps/daemon/src', 'libs/domain/src', 'libs/application/src', 'libs/infrastructure/src', 'tools/demo/src', 'tools/testing/src'];
const buildInputs = ['package-lock.json', 'tsconfig.base.json', 'apps/cli/project.json', 'apps/daemon/project.json', 'tools/demo/project.json'];
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };

const color = Boolean(process.stdout.isTTY) && !('NO_COLOR' in process.env);
const paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
const say = (line) => process.stdout.write(`${paint(2, '[demo]')} ${line}\n`);
let current = null;

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env });
    current = child;
    child.once('error', (e) => resolve({ code: 1, error: e.message }));
    child.once('exit', (code, signal) => resolve({ code: code ?? (signal === 'SIGINT' ? 130 : 1) }));
  });
}

/** Newest modification time of any non-spec source file under `dir` (0 when absent). */
function newestSource(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.(ts|json)$/.test(e.name) && !e.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function whyBuild() {
  const missing = outputs.filter((o) => !existsSync(o));
  if (missing.length) return `${missing.map((m) => m.slice(root.length)).join(', ')} missing`;
  const built = Math.min(...outputs.map((o) => statSync(o).mtimeMs));
  const sources = Math.max(...sourceDirs.map((d) => newestSource(join(root, d))), ...buildInputs.map((f) => (existsSync(join(root, f)) ? statSync(join(root, f)).mtimeMs : 0)));
  return sources > built ? 'sources changed since the last build' : null;
}

async function main() {
  // Ctrl-C reaches the demo too (same process group); it stops LocalPort and exits, and so do we.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => current?.kill('SIGTERM'));
  if (!existsSync(join(root, 'node_modules'))) {
    say('node_modules is missing: installing dependencies (npm ci)');
    const r = await run('npm', ['ci']);
    if (r.code !== 0) return fail(`'npm ci' failed (exit ${r.code}${r.error ? `: ${r.error}` : ''})`);
  }
  const reason = whyBuild();
  if (reason) {
    // Only what the demo runs (and the libraries under it), so an unrelated tool's build cannot block it.
    say(`building the CLI, the daemon and the demo (${reason}): npx nx run-many -t build -p cli daemon demo`);
    const r = await run('npx', ['nx', 'run-many', '-t', 'build', '-p', 'cli', 'daemon', 'demo', '--output-style=static']);
    if (r.code !== 0) return fail(`the build failed (exit ${r.code}); see the output above`);
    const still = outputs.filter((o) => !existsSync(o));
    if (still.length) return fail(`the build did not produce ${still.join(', ')}`);
  }
  const r = await run(process.execPath, [join(root, 'dist/tools/demo/main.js'), ...process.argv.slice(2)]);
  process.exit(r.code);
}

function fail(message) {
  process.stderr.write(`${paint(31, 'demo failed:')} ${message}\n`);
  process.exit(1);
}

void main();

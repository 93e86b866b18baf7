#!/usr/bin/env node
// `npm run bench [-- --quick]`: on a fresh clone, install dependencies if needed, install openssh-server if sshd
// is missing (as root, with apt-get), build everything (Nx caches what did not change), then run the benchmark
// (dist/tools/bench/main.js), which writes docs/benchmarks.md. Arguments are passed on.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
const SSHD = ['/usr/sbin/sshd', '/usr/local/sbin/sshd', '/opt/homebrew/sbin/sshd'];
const say = (line) => process.stdout.write(`[bench] ${line}\n`);
let current = null;

function run(cmd, args, extraEnv = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
    current = child;
    child.once('error', (e) => resolve({ code: 1, error: e.message }));
    child.once('exit', (code, signal) => resolve({ code: code ?? (signal === 'SIGINT' ? 130 : 1) }));
  });
}

function fail(message) {
  process.stderr.write(`bench failed: ${message}\n`);
  process.exit(1);
}

async function ensureSshd() {
  if (SSHD.some((p) => existsSync(p))) return;
  if (process.getuid?.() !== 0) return fail('sshd (openssh-server) is not installed; install it (e.g. `sudo apt-get install -y openssh-server`) and run again');
  say('sshd is missing: apt-get install -y openssh-server');
  const noninteractive = { DEBIAN_FRONTEND: 'noninteractive' };
  let r = await run('apt-get', ['install', '-y', '--no-install-recommends', 'openssh-server'], noninteractive);
  if (r.code !== 0) {
    say('retrying after apt-get update');
    await run('apt-get', ['update'], noninteractive);
    r = await run('apt-get', ['install', '-y', '--no-install-recommends', 'openssh-server'], noninteractive);
  }
  if (r.code !== 0 || !SSHD.some((p) => existsSync(p))) fail(`installing openssh-server failed (exit ${r.code})`);
}

async function main() {
  // The benchmark cleans up after itself on Ctrl-C; let it, then exit with its code.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => current?.kill('SIGTERM'));
  const started = Date.now();
  if (!existsSync(join(root, 'node_modules'))) {
    say('node_modules is missing: npm ci');
    const r = await run('npm', ['ci']);
    if (r.code !== 0) return fail(`'npm ci' failed (exit ${r.code}${r.error ? `: ${r.error}` : ''})`);
  }
  await ensureSshd();
  say('building (npx nx run-many -t build; unchanged projects come from the Nx cache)');
  const built = await run('npx', ['nx', 'run-many', '-t', 'build', '--output-style=static']);
  if (built.code !== 0) return fail(`the build failed (exit ${built.code}); see the output above`);
  const main = join(root, 'dist/tools/bench/main.js');
  if (!existsSync(main)) return fail(`the build did not produce ${main}`);
  say(`install and build took ${Math.round((Date.now() - started) / 1000)} s; running the benchmark`);
  const r = await run(process.execPath, [main, ...process.argv.slice(2)]);
  say(`npm run bench took ${Math.round((Date.now() - started) / 1000)} s in all`);
  process.exit(r.code);
}

void main();

#!/usr/bin/env node
// The README's test command (`npm test`): lint (layer rules included), type-check, build, then every
// Jest project in one run. Ends with the plain line `N passed, N failed` that CI reads; lint,
// type-check and build each count as one check, so a forbidden import fails the run.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const extraJestArgs = process.argv.slice(2);
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
let passed = 0;
let failed = 0;

function step(name, cmd, args) {
  const started = Date.now();
  console.log(`\n== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  const ok = r.status === 0;
  console.log(`== ${name}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (ok) passed++;
  else failed++;
  return ok;
}

const npx = 'npx';
// A fresh clone: install first, so `npm test` alone is the whole set-up for the tests.
if (!existsSync(join(root, 'node_modules', '.bin', 'jest'))) {
  console.log('== node_modules missing: npm ci');
  if (spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', env }).status !== 0) {
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  }
}
if (!process.env.LOCALPORT_SKIP_STATIC) {
  step('project graph', npx, ['nx', 'show', 'projects']);
  step('lint', npx, ['eslint', 'libs', 'apps', 'tools']);
  step('typecheck', npx, ['tsc', '-p', 'tsconfig.json']);
}
const built = step('build', npx, ['nx', 'run-many', '-t', 'build', '--output-style=static']);

mkdirSync(join(root, 'tmp'), { recursive: true });
const results = join(root, 'tmp', 'jest-results.json');
rmSync(results, { force: true });
const jestStatus = await runJest(['jest', '--json', `--outputFile=${results}`, ...extraJestArgs], { ...env, LOCALPORT_BUILT: built ? '1' : '0' });
if (existsSync(results)) {
  const r = JSON.parse(readFileSync(results, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // A suite that fails to load (syntax error, hook timeout) has no failed tests; count it.
  const brokenSuites = r.testResults.filter((s) => s.status === 'failed' && s.assertionResults.every((a) => a.status !== 'failed')).length;
  failed += brokenSuites;
} else {
  failed++;
}
if (jestStatus !== 0 && failed === 0) failed++;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

/**
 * Runs Jest and resolves with its exit status. Jest writes its results file once every suite has run; if it has
 * not exited EXIT_GRACE_MS after that, it is killed and its own results decide (status 0 when they say success).
 * Seen once in five full runs here: after "Ran all test suites", Jest's main thread spun for good in Node's exit
 * clean-up (gdb: Environment::CleanupHandles, with no libuv handle or request left; like nodejs/node#47748), and
 * CI would have waited out its 90 minutes.
 */
async function runJest(args, jestEnv) {
  const EXIT_GRACE_MS = 60_000;
  const TICK = Symbol('tick');
  const child = spawn(npx, args, { cwd: root, stdio: 'inherit', env: jestEnv, detached: true });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.kill(-child.pid, signal));
  let writtenAt = null;
  for (;;) {
    const status = await Promise.race([exited, sleep(1_000, TICK)]);
    if (status !== TICK) return status;
    if (writtenAt === null && readResults() !== null) writtenAt = Date.now();
    if (writtenAt !== null && Date.now() - writtenAt > EXIT_GRACE_MS) {
      const success = readResults()?.success === true;
      console.log(`== jest wrote its results but had not exited ${EXIT_GRACE_MS / 1000} s later; killed it (its results: ${success ? 'success' : 'failures'})`);
      process.kill(-child.pid, 'SIGKILL');
      await exited;
      return success ? 0 : 1;
    }
  }
}

/** Jest's results once the file is complete JSON, else null. */
function readResults() {
  try {
    return JSON.parse(readFileSync(results, 'utf8'));
  } catch {
    return null;
  }
}

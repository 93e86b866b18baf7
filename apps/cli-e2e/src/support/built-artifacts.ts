import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (apps/cli-e2e/src/support -> ../../../..). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');
/** Where the builds are: `<repo>/dist`, or LOCALPORT_E2E_DIST (a copy, safe from rebuilds while the suite runs). */
const DIST = process.env.LOCALPORT_E2E_DIST ? resolve(process.env.LOCALPORT_E2E_DIST) : join(REPO_ROOT, 'dist');
/** The built CLI the suite drives, as `node <CLI_MAIN> ...`. */
export const CLI_MAIN = join(DIST, 'apps', 'cli', 'main.js');
/** The built daemon the CLI starts (it looks for it next to itself). */
export const DAEMON_MAIN = join(DIST, 'apps', 'daemon', 'main.js');

/**
 * `describe` for suites that need the built CLI and daemon. Without a build it skips with a message,
 * unless LOCALPORT_BUILT=1 (the root test script built first), where a missing build is a failure.
 */
export function describeWithBuild(name: string, body: () => void): void {
  const missing = [CLI_MAIN, DAEMON_MAIN].filter((f) => !existsSync(f));
  if (missing.length === 0) return describe(name, body);
  if (process.env.LOCALPORT_BUILT === '1') {
    describe(name, () => {
      it('has the built CLI and daemon', () => {
        throw new Error(`LOCALPORT_BUILT=1 but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing`);
      });
    });
    return;
  }
  console.warn(`cli-e2e: skipping "${name}": ${missing.join(' and ')} not built (run 'npx nx run-many -t build' first)`);
  describe.skip(name, body);
}

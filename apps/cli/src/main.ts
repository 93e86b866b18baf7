#!/usr/bin/env node
// The `localport` bin. A plain `status` with a running daemon is answered here, by a small path that loads neither the
// CLI bundle nor its libraries (fast/fast-status.ts). Everything else runs the CLI bundle (cli.js, beside this file)
// through a V8 code cache in LocalPort's cache dir, which saves most of the bundle's compile time on every command.
// LOCALPORT_NO_CODE_CACHE=1 turns the cache off.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { resolveLocalportPaths } from '@localport/infrastructure';
import { runWithCodeCache } from './code-cache';
import { fastStatus } from './fast/fast-status';

function runCli(): void {
  const cacheDir = process.env['LOCALPORT_NO_CODE_CACHE'] ? null : resolveLocalportPaths(process.env, homedir()).cacheDir;
  const run = runWithCodeCache(join(__dirname, 'cli.js'), cacheDir);
  process.once('exit', () => run.saveCache());
}

void fastStatus(process.argv.slice(2), process.env).then((answered) => {
  if (!answered) runCli();
});

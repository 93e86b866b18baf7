import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** A CommonJS bundle that has run; `saveCache` keeps what V8 compiled for the next run (best effort). */
export interface CachedRun {
  /** True when V8 accepted the cache from an earlier run. */
  readonly usedCache: boolean;
  saveCache(): void;
}

/**
 * Runs the CommonJS bundle `file` (which needs only Node's own modules) with V8's compiled code kept in `cacheDir`
 * between runs, so a command does not compile the whole bundle again each time it starts. The cache file is keyed by
 * Node version, architecture, and the bundle's size and mtime; V8 itself rejects data that does not fit. Any problem
 * with the cache only costs speed: it is read and written in try/catch, atomically, and stale ones are removed.
 */
export function runWithCodeCache(file: string, cacheDir: string | null): CachedRun {
  const stat = statSync(file);
  const prefix = `${basename(file)}-`;
  const cacheFile = cacheDir === null ? null : join(cacheDir, `${prefix}${process.version}-${process.arch}-${stat.size}-${Math.trunc(stat.mtimeMs)}.v8`);
  const cachedData = cacheFile === null ? undefined : readOrUndefined(cacheFile);
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const usedCache = cachedData !== undefined && !script.cachedDataRejected;
  const bundleModule = { exports: {}, id: file, filename: file, loaded: false };
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  wrapper.call(bundleModule.exports, bundleModule.exports, createRequire(file), bundleModule, file, dirname(file));
  return {
    usedCache,
    saveCache() {
      // After the run, so the functions the command compiled lazily are in it too.
      if (cacheFile === null || usedCache) return;
      const dir = dirname(cacheFile);
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const temporary = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
        renameSync(temporary, cacheFile);
        for (const name of readdirSync(dir)) if (name.startsWith(prefix) && join(dir, name) !== cacheFile) unlinkSync(join(dir, name));
      } catch {
        // A read-only or missing home only means no cache.
      }
    },
  };
}

function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWithCodeCache } from './code-cache';

describe(runWithCodeCache.name, () => {
  let dir: string;
  let bundle: string;
  let cacheDir: string;
  // Whether V8 accepts a cache shows only in a fresh process (one isolate keeps its own compiled copy): see the cli-e2e suite.
  const runs = () => readFileSync(join(dir, 'runs.txt'), 'utf8').trim().split('\n');
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lp-code-cache-'));
    bundle = join(dir, 'cli.js');
    cacheDir = join(dir, 'cache');
    writeFileSync(bundle, "const { basename } = require('node:path');\nrequire('node:fs').appendFileSync(__dirname + '/runs.txt', basename(__filename) + '\\n');\n");
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the bundle as a CommonJS module (require, __filename, __dirname), then keeps its compiled code', () => {
    const first = runWithCodeCache(bundle, cacheDir);
    first.saveCache();

    expect(runs()).toEqual(['cli.js']);
    expect(first.usedCache).toBe(false);
    expect(readdirSync(cacheDir)).toEqual([expect.stringMatching(/^cli\.js-v\d+.*-x?\w+-\d+-\d+\.v8$/)]);
  });

  it('runs with a corrupt cache', () => {
    runWithCodeCache(bundle, cacheDir).saveCache();
    const [name] = readdirSync(cacheDir);
    writeFileSync(join(cacheDir, name), 'not V8 code');

    runWithCodeCache(bundle, cacheDir).saveCache();

    expect(runs()).toEqual(['cli.js', 'cli.js']);
  });

  it('drops the cache of an older bundle when it saves the new one', () => {
    runWithCodeCache(bundle, cacheDir).saveCache();
    const [old] = readdirSync(cacheDir);
    writeFileSync(bundle, "require('node:fs').appendFileSync(__dirname + '/runs.txt', 'v2\\n');\n");
    utimesSync(bundle, new Date(), new Date(Date.now() + 5_000));

    runWithCodeCache(bundle, cacheDir).saveCache();

    expect(readdirSync(cacheDir)).toHaveLength(1);
    expect(readdirSync(cacheDir)[0]).not.toBe(old);
    expect(runs()).toEqual(['cli.js', 'v2']);
  });

  it('only loses speed when the cache directory cannot be created, or there is none', () => {
    writeFileSync(join(dir, 'blocked'), '');
    const blocked = runWithCodeCache(bundle, join(dir, 'blocked', 'cache'));
    expect(() => blocked.saveCache()).not.toThrow();
    runWithCodeCache(bundle, null).saveCache();
    expect(runs()).toEqual(['cli.js', 'cli.js']);
  });
});

import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { FileConfigSource } from './file-config-source.adapter';

const config = (port: number) => `version: "1.0"\nservices:\n  - {name: api, technology: kubectl, local_port: ${port}, remote_port: 80, connection: {resource_name: api, context: dev}}\n`;
const DEBOUNCE = 150;
const POLL = 100;
/** Long enough for a stray watch event, poll tick and debounce to have fired if they were going to. */
const QUIET = DEBOUNCE * 3 + POLL * 3;
const keepAlive = () => process.getActiveResourcesInfo().filter((r) => r === 'FSEventWrap' || r === 'Timeout').length;

/** Counts calls and lets a test await the n-th one. */
function counter() {
  let calls = 0;
  const waiting: { n: number; resolve: () => void }[] = [];
  return {
    onChange: () => {
      calls++;
      for (const w of waiting.filter((w) => w.n <= calls)) w.resolve();
    },
    get calls() {
      return calls;
    },
    nth: (n: number) => new Promise<void>((resolve) => (calls >= n ? resolve() : waiting.push({ n, resolve }))),
  };
}

describe(FileConfigSource.name, () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lp-watch-'));
    path = join(dir, 'localport.yaml');
    writeFileSync(path, config(8080));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the file it was built with, as an absolute path', async () => {
    const source = new FileConfigSource(path);
    expect(source.path).toBe(path);
    const loaded = await source.load();
    expect(loaded.ok && loaded.value.config.services[0].localPort).toBe(8080);
  });

  it('calls back once for a burst of writes, again for a later save, and never after unsubscribe', async () => {
    const source = new FileConfigSource(path, { debounceMs: DEBOUNCE, pollIntervalMs: POLL });
    const seen = counter();
    // Sampled with nothing in between but watch(): no other code can add or end a timer meanwhile.
    const before = keepAlive();
    const stop = source.watch(seen.onChange);
    expect(keepAlive()).toBe(before); // watching alone does not keep the process alive

    for (let i = 0; i < 5; i++) await writeFile(path, config(9000 + i));
    await seen.nth(1);
    await delay(QUIET);
    expect(seen.calls).toBe(1);
    const reloaded = await source.load();
    expect(reloaded.ok && reloaded.value.config.services[0].localPort).toBe(9004);

    // Editors save by writing a temporary file and renaming it over the original.
    writeFileSync(join(dir, '.localport.yaml.swp'), config(7000));
    renameSync(join(dir, '.localport.yaml.swp'), path);
    await seen.nth(2);

    stop();
    writeFileSync(path, config(7001));
    await delay(QUIET);
    expect(seen.calls).toBe(2);
  });

  it('ignores other files in the same directory', async () => {
    const source = new FileConfigSource(path, { debounceMs: DEBOUNCE, pollIntervalMs: POLL });
    const seen = counter();
    const stop = source.watch(seen.onChange);
    try {
      writeFileSync(join(dir, 'notes.txt'), 'unrelated');
      await delay(QUIET);
      expect(seen.calls).toBe(0);
      writeFileSync(path, config(8081));
      await seen.nth(1);
    } finally {
      stop();
    }
  });

  it('notices the file through the mtime poll when no watch event arrives', async () => {
    const source = new FileConfigSource(join(dir, 'later', 'localport.yaml'), { debounceMs: DEBOUNCE, pollIntervalMs: POLL });
    const seen = counter();
    // The directory does not exist yet, so fs.watch cannot be set up; only the poll can see the file appear.
    const stop = source.watch(seen.onChange);
    try {
      await delay(POLL);
      mkdirSync(join(dir, 'later'));
      writeFileSync(source.path, config(8082));
      await seen.nth(1);
      expect(seen.calls).toBe(1);
    } finally {
      stop();
    }
  });
});

import { ConfigSource } from '../../ports/config-source.port';

/** What the contract needs around one ConfigSource: the in-memory fake, or a real file. */
export interface ConfigSourceHarness {
  readonly source: ConfigSource;
  /** Replaces the configuration with a valid one whose first service listens on `localPort`. */
  writeValid(localPort: number): Promise<void>;
  /** Replaces it with one whose first service has `local_port: 70000`. */
  writeInvalid(): Promise<void>;
  /** Waits long enough for a pending change notification to arrive (debounce, poll). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The ConfigSource contract: a Result for every file (never a throw), every problem located in
 * the source's own path, and a watcher told about changes until it unsubscribes.
 */
export function describeConfigSourceContract(name: string, make: () => Promise<ConfigSourceHarness>, timeoutMs = 30_000): void {
  describe(`ConfigSource contract: ${name}`, () => {
    let h: ConfigSourceHarness;
    beforeEach(async () => {
      h = await make();
    }, timeoutMs);
    afterEach(() => h?.close(), timeoutMs);

    it('loads the configuration and says where it came from (an absolute path)', async () => {
      await h.writeValid(18080);
      const loaded = await h.source.load();
      expect(h.source.path.startsWith('/')).toBe(true);
      expect(loaded).toMatchObject({ ok: true, value: { path: h.source.path, config: { services: [expect.objectContaining({ localPort: 18080 })] } } });
    }, timeoutMs);

    it('refuses an invalid configuration with CONFIG.INVALID, locating each problem in its file and field', async () => {
      await h.writeInvalid();
      const loaded = await h.source.load();
      expect(loaded).toMatchObject({ ok: false, error: { code: 'CONFIG.INVALID' } });
      const problems = loaded.ok ? [] : loaded.error.problems;
      expect(problems).toEqual([expect.objectContaining({ file: h.source.path, line: expect.any(Number), field: 'local_port', message: expect.stringContaining('70000') })]);
    }, timeoutMs);

    it('tells a watcher about a change, and no more once it unsubscribed', async () => {
      await h.writeValid(18080);
      let calls = 0;
      const stop = h.source.watch(() => calls++);
      try {
        await h.writeValid(18081);
        for (let i = 0; i < 20 && calls === 0; i++) await h.settle();
        expect(calls).toBeGreaterThanOrEqual(1);
        expect(await h.source.load()).toMatchObject({ ok: true, value: { config: { services: [expect.objectContaining({ localPort: 18081 })] } } });
      } finally {
        stop();
      }
      await h.settle();
      const seen = calls;
      await h.writeValid(18082);
      await h.settle();
      expect(calls).toBe(seen);
    }, timeoutMs);
  });
}

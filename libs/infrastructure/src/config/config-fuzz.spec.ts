/**
 * A config fuzzer: thousands of mutated configs, hostile strings in every field, raw text splices and YAML
 * bombs through the validation `config validate` runs. It must never throw, hang or run anything, and must
 * answer valid (exit 0) or CONFIG.INVALID with located problems (exit 2).
 */
import fc from 'fast-check';
import * as childProcess from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseConfigText } from './config-parser';
import { HOSTILE_STRINGS, mutatedConfigText, PWNED_MARKER, splicedConfigText, yamlBomb } from './config-fuzz.arbitraries';

/** A validation slower than this counts as a hang (the 4 MB scalar takes ~1 s on an idle machine). */
const PER_CONFIG_MS = 10_000;
/** A problem quotes what it is about, but never a whole 70 KB value. */
const MAX_MESSAGE_CHARS = 2_000;
const FILE = '/fuzz/localport.yaml';
const env = { HOME: '/home/fuzz', X: 'x', A: `$(touch ${PWNED_MARKER})`, PWNED: `\n---\nservices: [*x]` } as NodeJS.ProcessEnv;

/** Validates `text`, checking the outcome is one `config validate` can print (exit 0 or exit 2). */
function validateOnce(text: string): void {
  const started = Date.now();
  const result = parseConfigText(text, FILE, env, { homedir: '/home/fuzz' });
  const ms = Date.now() - started;
  if (ms > PER_CONFIG_MS) throw new Error(`validation took ${ms} ms for a ${text.length}-byte config`);
  if (result.ok) {
    // Valid: everything config validate prints must be there.
    expect(Array.isArray(result.value.config.services)).toBe(true);
    JSON.stringify(result.value.warnings);
    return;
  }
  expect(result.error.code).toBe('CONFIG.INVALID');
  expect(result.error.problems.length).toBeGreaterThan(0);
  for (const p of result.error.problems) {
    expect(typeof p.message).toBe('string');
    expect(p.file).toBe(FILE);
    if (p.message.length > MAX_MESSAGE_CHARS) throw new Error(`a ${p.message.length}-character problem at ${p.field}: ${p.message.slice(0, 120)}…`);
  }
}

describe('config validation under fuzzing', () => {
  const spawned: string[] = [];
  const spies: jest.SpyInstance[] = [];
  beforeAll(() => {
    for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const) {
      spies.push(jest.spyOn(childProcess, name).mockImplementation(((...args: unknown[]) => {
        spawned.push(`${name} ${String(args[0])}`);
        throw new Error('the config validator must not run anything');
      }) as never));
    }
  });
  afterAll(() => spies.forEach((s) => s.mockRestore()));
  afterEach(() => {
    expect(spawned).toEqual([]);
    expect(existsSync(PWNED_MARKER)).toBe(false);
  });

  it('accepts the unmutated base config (so mutations start from a valid file)', () => {
    const text = fc.sample(mutatedConfigText, { numRuns: 1, seed: 1 })[0];
    expect(() => validateOnce(text)).not.toThrow();
    expect(parseConfigText(require('yaml').stringify(require('./config-fuzz.arbitraries').baseConfig()), FILE, env).ok).toBe(true);
  });

  it('survives 2,500 structurally mutated configs with hostile values in every field', () => {
    fc.assert(fc.property(mutatedConfigText, (text) => validateOnce(text)), { numRuns: 2_500, seed: Number(process.env.LOCALPORT_FUZZ_SEED ?? 20261203) });
  });

  it('survives 1,500 raw text splices of YAML structure characters', () => {
    fc.assert(fc.property(splicedConfigText, (text) => validateOnce(text)), { numRuns: 1_500, seed: Number(process.env.LOCALPORT_FUZZ_SEED ?? 20261204) });
  });

  it('survives YAML bombs: alias and merge-key billion laughs, deep nesting, huge scalars, self-references', () => {
    fc.assert(fc.property(yamlBomb, (text) => validateOnce(text)), { numRuns: 60, seed: Number(process.env.LOCALPORT_FUZZ_SEED ?? 20261205) });
  });

  it('survives every hostile string as the value of every string field of a service', () => {
    const fields = ['name', 'technology', 'namespace', 'resource_name', 'context', 'host', 'user', 'key_file', 'remote_host', 'bind_address', 'description'];
    for (const field of fields) {
      for (const value of HOSTILE_STRINGS) {
        const quoted = JSON.stringify(value);
        validateOnce(`version: "1.0"\nservices:\n  - name: s\n    technology: ssh\n    local_port: 15000\n    remote_port: 22\n    ${field}: ${quoted}\n    connection: { host: ${field === 'host' ? quoted : 'h'}, user: ${field === 'user' ? quoted : 'u'}, key_file: ${quoted} }\n`);
        validateOnce(`version: "1.0"\nservices:\n  - name: k\n    technology: kubectl\n    local_port: 15001\n    remote_port: 80\n    connection: { resource_type: service, resource_name: ${quoted}, namespace: ${quoted}, context: ${quoted} }\n`);
      }
    }
  });
});

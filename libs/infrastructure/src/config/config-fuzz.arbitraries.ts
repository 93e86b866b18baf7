import fc from 'fast-check';
import { stringify } from 'yaml';

/** A file the fuzzer's hostile strings try to create; it must never exist. */
export const PWNED_MARKER = `/tmp/lp-config-fuzz-pwned-${process.pid}`;

/** Strings that have broken parsers, shells and argument lists before. */
export const HOSTILE_STRINGS: readonly string[] = [
  '', ' ', '-', '--', '-oProxyCommand=touch ' + PWNED_MARKER, '--kubeconfig=/etc/passwd', `$(touch ${PWNED_MARKER})`, `\`touch ${PWNED_MARKER}\``,
  `; touch ${PWNED_MARKER}`, '| sh', '${HOME}', '${', '${A', '${A:}', '${A:-x}', '$${X}', '${PWNED}', '*alias', '&anchor', '<<', '!!js/function "x"',
  '!!binary aGVsbG8=', '!!python/object/apply:os.system ["id"]', '\u0000', '\u0007\u001b[31m', '\r\n', '\n---\nservices: []', 'key: value',
  '{a: 1}', '[1, 2', '"', "'", '\\', '%YAML 1.1', '@', '`', '#comment', '🔥'.repeat(50), 'ﬀ\u202e\u200b', 'a'.repeat(70_000), '0x1F', '1e309',
  '-0', 'NaN', '.inf', '~', 'null', 'yes', 'no', 'on', 'constructor', '__proto__', 'prototype', 'toString', '../../../../etc/shadow', '/dev/zero',
  '/proc/self/mem', 'localhost:22', '[::1]', '999999999999999999999999', '127.0.0.1\nHost *', 'http://u:TOKEN@host/h?token=T',
];

const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 65535, 65536, 2 ** 53, -(2 ** 31))) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { '': '' }) },
);

/** Any value a YAML field could hold, hostile ones favoured: scalars, lists and small maps. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: hostileScalar },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...HOSTILE_STRINGS.slice(0, 40)), fc.string({ maxLength: 12 })), tie('value'), { maxKeys: 4 }) },
  ),
})).value;

/** A valid config (two kubectl services, one ssh service, defaults, cluster settings) as plain data. */
export function baseConfig(): Record<string, unknown> {
  return {
    version: '1.0',
    defaults: { health_check: { type: 'tcp', interval: 30, timeout: 5, failure_threshold: 3 }, restart_policy: { enabled: true, max_attempts: 5, initial_delay: 1, backoff_multiplier: 2, max_delay: 30 }, cluster_health: { enabled: true, interval: 60 } },
    services: [
      { name: 'db', technology: 'kubectl', local_port: 15432, remote_port: 5432, namespace: 'default', tags: ['db'], connection: { resource_type: 'service', resource_name: 'postgres', namespace: 'default', context: 'dev' }, health_check: { type: 'postgres', config: { user: 'app', password: 'pw', database: 'app' } } },
      { name: 'web', technology: 'kubectl', local_port: 18080, remote_port: 80, connection: { resource_type: 'pod', resource_name: 'web-0', context: 'dev' }, health_check: { type: 'http', config: { url: 'http://127.0.0.1:18080/health', headers: { Authorization: 'Bearer x' }, expected_status_codes: [200] } } },
      { name: 'jump', technology: 'ssh', local_port: 16000, remote_port: 22, connection: { host: 'bastion.example.com', user: 'me', port: 22, key_file: '~/.ssh/id_ed25519', remote_host: '10.0.0.5', ssh_options: { ServerAliveInterval: '10' } } },
    ],
    cluster_contexts: { dev: { cluster_health: { interval: 120 } } },
  };
}

type Path = readonly (string | number)[];

/** Every path to a value in `value` (maps and lists included), for picking where to mutate. */
export function pathsOf(value: unknown, at: Path = []): Path[] {
  const here = [at];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pathsOf(v, [...at, i]))];
  if (typeof value === 'object' && value !== null) return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, k]))];
  return here;
}

/** One structural edit, picked by index among all paths of the document. */
export interface Edit {
  readonly pick: number;
  readonly kind: 'replace' | 'delete' | 'add';
  readonly value: unknown;
  readonly key: string;
}

/** One structural edit: replace a value, delete a key, or add an unknown key. */
export const mutation = fc.record({ pick: fc.nat(), kind: fc.constantFrom<Edit['kind']>('replace', 'replace', 'delete', 'add'), value: hostileValue, key: fc.oneof(fc.constantFrom(...HOSTILE_STRINGS.slice(0, 30)), fc.string({ maxLength: 10 })) });

/** Applies edits to a deep copy of the base config. */
export function mutate(edits: readonly Edit[]): unknown {
  let doc: unknown = baseConfig();
  for (const edit of edits) {
    const paths = pathsOf(doc);
    const path = paths[edit.pick % paths.length];
    if (path.length === 0) {
      if (edit.kind === 'replace') doc = edit.value;
      continue;
    }
    const parent = path.slice(0, -1).reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], doc) as Record<string | number, unknown> | unknown[];
    const key = path[path.length - 1];
    if (edit.kind === 'replace') (parent as Record<string | number, unknown>)[key] = edit.value;
    else if (edit.kind === 'delete' && Array.isArray(parent)) parent.splice(Number(key), 1);
    else if (edit.kind === 'delete') delete (parent as Record<string | number, unknown>)[key];
    else if (!Array.isArray(parent)) (parent as Record<string, unknown>)[edit.key] = edit.value;
  }
  return doc;
}

/** YAML text of a mutated config. */
export const mutatedConfigText = fc.array(mutation, { minLength: 1, maxLength: 6 }).map((edits) => stringify(mutate(edits), { lineWidth: 0 }));

/** Raw text edits of a valid file: characters that carry YAML structure spliced in at random places. */
export const splicedConfigText = fc
  .array(fc.record({ at: fc.nat(), cut: fc.nat({ max: 12 }), insert: fc.oneof(fc.constantFrom(':', '- ', '\n', '  ', '&a ', '*a', '<<: *a', '{', '}', '[', ']', '"', "'", '!!', '|', '>', '%', '#', '${X}', '\t', '\n---\n', '? '), fc.constantFrom(...HOSTILE_STRINGS.slice(0, 40))) }), { minLength: 1, maxLength: 8 })
  .map((edits) => {
    let text = stringify(baseConfig(), { lineWidth: 0 });
    for (const e of edits) {
      const at = e.at % (text.length + 1);
      text = text.slice(0, at) + e.insert + text.slice(at + e.cut);
    }
    return text;
  });

/** Alias and nesting bombs: billion laughs (plain aliases and merge keys), deep nesting, huge scalars. */
export const yamlBomb = fc.oneof(
  fc.integer({ min: 2, max: 12 }).map((levels) => {
    const lines = ['version: "1.0"', 'l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < levels; i++) lines.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(',')}]`);
    return `${lines.join('\n')}\nservices: *l${levels - 1}\n`;
  }),
  fc.integer({ min: 2, max: 10 }).map((levels) => {
    const lines = ['version: "1.0"', 'm0: &m0 {a0: 1, b0: 2}'];
    for (let i = 1; i < levels; i++) lines.push(`m${i}: &m${i} {<<: [${Array.from({ length: 8 }, () => `*m${i - 1}`).join(', ')}], k${i}: ${i}}`);
    return `${lines.join('\n')}\nservices:\n  - <<: *m${levels - 1}\n    name: x\n`;
  }),
  fc.integer({ min: 100, max: 20_000 }).map((depth) => `version: "1.0"\nservices: ${'['.repeat(depth)}${']'.repeat(depth)}\n`),
  fc.integer({ min: 100, max: 5_000 }).map((depth) => `version: "1.0"\nservices:\n${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i + 1)}- `).join('\n')}x\n`),
  fc.integer({ min: 1, max: 4 }).map((mb) => `version: "1.0"\nservices: []\nx: "${'A'.repeat(mb * 1024 * 1024)}"\n`),
  fc.constantFrom('a: &a [*a]\n', 'services: &s\n  - *s\n', '&a a: *a\n', '*undefined_anchor\n', 'version: !!js/undefined x\n', '--- !<tag:yaml.org,2002:python/object> {}\n'),
);

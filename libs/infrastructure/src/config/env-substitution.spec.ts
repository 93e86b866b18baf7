import { formatConfigProblem } from '@localport/application';
import { unwrap } from '@localport/domain';
import { parseConfigText } from './config-parser';
import { parseWithEnvironment, substituteValues } from './env-substitution';

/** Substitutes into `text` parsed as YAML; returns the values and what substitution did. */
function substituted(text: string, env: NodeJS.ProcessEnv) {
  const { doc, ...result } = parseWithEnvironment(text, env);
  return { values: doc.toJS() as Record<string, unknown>, ...result };
}

describe(substituteValues.name, () => {
  it('replaces ${VAR} and ${VAR:default}; the default only when VAR is unset', () => {
    const env = { HOST: 'db.internal', EMPTY: '' };
    expect(substituted('a: ${HOST}\nb: ${MISSING:fallback}\nc: ${EMPTY:unused}\nd: ${HOST:ignored}\ne: x-${HOST}-y', env).values).toEqual({
      a: 'db.internal', b: 'fallback', c: null, d: 'db.internal', e: 'x-db.internal-y',
    });
  });

  it('uses a single colon like LocalPort: ${VAR:-x} defaults to "-x"', () => {
    expect(substituted('a: ${NOPE:-x}', {}).values).toEqual({ a: '-x' });
  });

  it('reports an unset variable without default at its offset and leaves it in place', () => {
    const out = substituted('a: 1\nb: ${NOPE}\n', {});
    expect(out.unset).toEqual([{ variable: 'NOPE', sourceOffset: 8 }]);
    expect(out.values).toEqual({ a: 1, b: '${NOPE}' });
  });

  it('leaves comments and keys alone, even with unset variables in them, but not # inside quotes or block scalars', () => {
    const src = 'a: ${A} # uses ${UNSET}\n# ${ALSO_UNSET}\nb: "x # ${A}"\nc: |\n  # ${A}\n${KEY}: 1\n';
    const out = substituted(src, { A: 'v' });
    expect(out.unset).toEqual([]);
    expect(out.values).toEqual({ a: 'v', b: 'x # v', c: '# v\n', '${KEY}': 1 });
  });

  it('keeps a value a value: quotes, line breaks, aliases and mappings in it change nothing of the structure', () => {
    const P = `q"u'o\\te`;
    expect(substituted(`a: "\${P}"\nb: '\${P}'\nc: \${P}\n`, { P }).values).toEqual({ a: P, b: P, c: P });
    const structure = substituted('services:\n  - name: ${A}\nversion: ${B}\n', { A: 'x\nservices: []', B: '*alias' });
    expect(structure.values).toEqual({ services: [{ name: 'x\nservices: []' }], version: '*alias' });
    expect(substituted('a: ${A}\n', { A: '{ b: 1 }' }).values).toEqual({ a: '{ b: 1 }' });
    expect(substituted('a: ${A}\n', { A: '&anchor 5' }).values).toEqual({ a: '&anchor 5' });
  });

  it('substitutes inside flow collections, where `{` and `,` are structure', () => {
    expect(substituted('a: {b: ${B}, c: [${C:1}, x]}\n', { B: 'v, w: z}' }).values).toEqual({ a: { b: 'v, w: z}', c: [1, 'x'] } });
  });

  it('types an unquoted value as YAML types a plain scalar, and a quoted one never', () => {
    expect(substituted('a: ${N}\nb: "${N}"\nc: ${T}\nd: ${F}\n', { N: '5432', T: 'true', F: '1.5' }).values).toEqual({ a: 5432, b: '5432', c: true, d: 1.5 });
  });

  it('records which scalars came from the environment, by their place in the file', () => {
    const text = 'x: ${LONG_NAME}\ny: ${D:7}\n';
    const out = substituted(text, { LONG_NAME: 'v' });
    expect(out.substitutions.map((s) => [s.variables, s.fromEnv, text.slice(s.start, s.end)])).toEqual([
      [['LONG_NAME'], true, '${LONG_NAME}'],
      [['D'], false, '${D:7}'],
    ]);
  });
});

/** The kubeconfig's current context, for the kubectl services below that name none. */
const ctx = { currentKubeContext: () => 'dev' };

describe('substitution in config files', () => {
  const yaml = (port: string, extra = '') =>
    `version: "1.0"\nservices:\n  - name: db\n    technology: kubectl\n    local_port: ${port}\n    remote_port: 5432\n    connection:\n      resource_name: db\n${extra}`;

  it('turns a substituted number into a YAML integer', () => {
    expect(unwrap(parseConfigText(yaml('${DB_PORT:15432}'), 'lp.yaml', {}, ctx)).config.services[0].localPort).toBe(15432);
    expect(unwrap(parseConfigText(yaml('${DB_PORT:15432}'), 'lp.yaml', { DB_PORT: '25432' }, ctx)).config.services[0].localPort).toBe(25432);
  });

  it('names the unset variable and its line, and does not also complain about the literal left behind', () => {
    const result = parseConfigText(yaml('5432', '      namespace: ${K8S_NS}\n      context: ${CTX}\n'), 'lp.yaml', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.problems.map(formatConfigProblem)).toEqual([
      'lp.yaml:9: environment variable K8S_NS is not set (write ${K8S_NS:default} to give a default)',
      'lp.yaml:10: environment variable CTX is not set (write ${CTX:default} to give a default)',
    ]);
  });

  it("with unsetVariables 'keep' (logs, config show), keeps an unset ${VAR} as written and warns instead (issue 11, defect 10)", () => {
    const text = yaml('5432', '    health_check:\n      type: postgres\n      config:\n        user: app\n        password: ${PGPW}\n');
    const kept = unwrap(parseConfigText(text, 'lp.yaml', {}, { ...ctx, unsetVariables: 'keep' }));
    expect(kept.config.services[0].healthCheck).toMatchObject({ type: 'postgres', user: 'app', password: '${PGPW}' });
    expect(kept.warnings.map(formatConfigProblem)).toEqual(['lp.yaml:13: environment variable PGPW is not set (write ${PGPW:default} to give a default)']);
    expect(parseConfigText(text, 'lp.yaml', {}, ctx).ok).toBe(false); // the default still refuses it
  });

  it("with unsetVariables 'keep', an unset ${VAR} in a field that cannot hold its text is still the error", () => {
    for (const text of [yaml('${DB_PORT}'), yaml('5432', '      namespace: ${DB_PORT}\n')]) {
      const result = parseConfigText(text, 'lp.yaml', {}, { ...ctx, unsetVariables: 'keep' });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.problems.map(formatConfigProblem)).toEqual([expect.stringMatching(/^lp\.yaml:\d+: environment variable DB_PORT is not set/)]);
    }
  });

  it('keeps line numbers right when a value spans several lines', () => {
    const text = `version: "1.0"\nservices:\n  - name: db\n    description: \${V}\n    technology: kubectl\n    local_port: 99999\n    remote_port: 1\n    connection: {resource_name: db}\n`;
    const result = parseConfigText(text, 'lp.yaml', { V: 'first\n      second\n      third' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.problems.map(formatConfigProblem)).toEqual(['lp.yaml:6: services[0] "db": local_port 99999 is not a port (1-65535)']);
  });

  it('does not fail on a ${VAR} that only appears in a comment', () => {
    expect(parseConfigText(yaml('5432  # was ${OLD_PORT}'), 'lp.yaml', {}, ctx).ok).toBe(true);
  });

  it('lets a variable hold text that looks like YAML structure without changing the file (issue 11, defect 6)', () => {
    const description = (value: string) => unwrap(parseConfigText(yaml('5432', '    description: ${A}\n'), 'lp.yaml', { A: value }, { currentKubeContext: () => 'dev' })).config.services[0];
    expect(description('x\nservices: []')).toMatchObject({ name: 'db', description: 'x\nservices: []' });
    expect(description('*alias')).toMatchObject({ description: '*alias' });
    const result = parseConfigText(yaml('${P}'), 'lp.yaml', { P: '5432\n    remote_port: 1' }, { currentKubeContext: () => 'dev' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.problems.map(formatConfigProblem)).toEqual(['lp.yaml:5: services[0] "db": local_port must be a number, got "5432\\n    remote_port: 1"']);
  });
});

import { formatConfigProblem } from '@localport/application';
import { unwrap } from '@localport/domain';
import { parseConfigText } from './config-parser';
import { substituteEnv } from './env-substitution';

describe(substituteEnv.name, () => {
  it('replaces ${VAR} and ${VAR:default}; the default only when VAR is unset', () => {
    const env = { HOST: 'db.internal', EMPTY: '' };
    expect(substituteEnv('a: ${HOST}\nb: ${MISSING:fallback}\nc: ${EMPTY:unused}\nd: ${HOST:ignored}', env).text).toBe('a: db.internal\nb: fallback\nc: \nd: db.internal');
  });

  it('uses a single colon like LocalPort: ${VAR:-x} defaults to "-x"', () => {
    expect(substituteEnv('a: ${NOPE:-x}', {}).text).toBe('a: -x');
  });

  it('reports an unset variable without default at its offset and leaves it in place', () => {
    const out = substituteEnv('a: 1\nb: ${NOPE}\n', {});
    expect(out.unset).toEqual([{ variable: 'NOPE', sourceOffset: 8 }]);
    expect(out.text).toBe('a: 1\nb: ${NOPE}\n');
  });

  it('leaves comments alone, even with unset variables in them, but not # inside quotes or block scalars', () => {
    const src = 'a: ${A} # uses ${UNSET}\n# ${ALSO_UNSET}\nb: "x # ${A}"\nc: |\n  # ${A}\n';
    const out = substituteEnv(src, { A: 'v' });
    expect(out.unset).toEqual([]);
    expect(out.text).toBe('a: v # uses ${UNSET}\n# ${ALSO_UNSET}\nb: "x # v"\nc: |\n  # v\n');
  });

  it('escapes values inside quoted scalars so they cannot break out', () => {
    const out = substituteEnv(`a: "\${P}"\nb: '\${P}'\n`, { P: `q"u'o\\te` });
    expect(out.text).toBe(`a: "q\\"u'o\\\\te"\nb: 'q"u''o\\te'\n`);
  });

  it('tracks which text came from the environment and maps offsets back to the file', () => {
    const out = substituteEnv('x: ${LONG_NAME}\ny: ${D:7}\n', { LONG_NAME: 'v' });
    expect(out.substitutions.map((s) => [s.variable, s.fromEnv, out.text.slice(s.start, s.end)])).toEqual([
      ['LONG_NAME', true, 'v'],
      ['D', false, '7'],
    ]);
    const y = out.text.indexOf('y:');
    expect(out.sourceOffset(y)).toBe('x: ${LONG_NAME}\n'.length);
    expect(out.sourceOffset(out.text.indexOf('v'))).toBe(3);
  });
});

describe('substitution in config files', () => {
  const yaml = (port: string, extra = '') =>
    `version: "1.0"\nservices:\n  - name: db\n    technology: kubectl\n    local_port: ${port}\n    remote_port: 5432\n    connection:\n      resource_name: db\n${extra}`;

  it('turns a substituted number into a YAML integer', () => {
    expect(unwrap(parseConfigText(yaml('${DB_PORT:15432}'), 'lp.yaml', {})).config.services[0].localPort).toBe(15432);
    expect(unwrap(parseConfigText(yaml('${DB_PORT:15432}'), 'lp.yaml', { DB_PORT: '25432' })).config.services[0].localPort).toBe(25432);
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

  it('keeps line numbers right when a value spans several lines', () => {
    const text = `version: "1.0"\nservices:\n  - name: db\n    description: \${V}\n    technology: kubectl\n    local_port: 99999\n    remote_port: 1\n    connection: {resource_name: db}\n`;
    const result = parseConfigText(text, 'lp.yaml', { V: 'first\n      second\n      third' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.problems.map(formatConfigProblem)).toEqual(['lp.yaml:6: services[0] "db": local_port 99999 is not a port (1-65535)']);
  });

  it('does not fail on a ${VAR} that only appears in a comment', () => {
    expect(parseConfigText(yaml('5432  # was ${OLD_PORT}'), 'lp.yaml', {}).ok).toBe(true);
  });
});

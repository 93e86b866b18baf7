import { formatConfigProblem } from '@localport/application';
import { parseConfigText } from './config-parser';

const SERVICE = 'services:\n  - name: web\n    technology: kubectl\n    local_port: 8080\n    remote_port: 80\n    connection: { resource_name: web, context: dev }\n';
const parse = (head: string) => parseConfigText(`version: "1.0"\n${head}${SERVICE}`, '/cfg/localport.yaml', {});
const problems = (head: string) => {
  const r = parse(head);
  return r.ok ? [] : r.error.problems.map(formatConfigProblem);
};

describe('defaults.logging and metrics', () => {
  it('are off / built-in when absent', () => {
    expect(parse('')).toMatchObject({ ok: true, value: { observability: { logging: {}, metrics: null } } });
  });

  it('read sizes with units, file counts, ages, and host:port', () => {
    const r = parse('defaults:\n  logging: { max_size: 2MiB, max_files: 7, max_age: 12h }\nmetrics: { listen: "127.0.0.1:9464" }\n');
    expect(r).toMatchObject({ ok: true, value: { observability: { logging: { maxBytes: 2 * 1024 * 1024, maxFiles: 7, maxAgeMs: 12 * 3600_000 }, metrics: { host: '127.0.0.1', port: 9464 } } } });
    expect(parse('defaults:\n  logging: { max_size: 500KB, max_age: 2 }\nmetrics: { listen: "[::1]:9000" }\n')).toMatchObject({
      ok: true, value: { observability: { logging: { maxBytes: 500_000, maxAgeMs: 2 * 86_400_000 }, metrics: { host: '::1', port: 9000 } } },
    });
  });

  it('reject bad values naming the file, line and field', () => {
    expect(problems('defaults:\n  logging:\n    max_size: 10 parsecs\n    max_files: 1000\n    max_age: 0h\n')).toEqual([
      '/cfg/localport.yaml:4: defaults.logging.max_size "10 parsecs" is not a size (e.g. 10MiB, 500KB, 1G; a bare number is MiB)',
      '/cfg/localport.yaml:5: defaults.logging.max_files 1000 is out of range (0-100)',
      '/cfg/localport.yaml:6: defaults.logging.max_age "0h" is out of range (1h-365d)',
    ]);
    expect(problems('metrics: { listen: 9464 }\n')[0]).toMatch(/metrics\.listen/);
    expect(problems('metrics: { listen: "localhost:99999" }\n')[0]).toMatch(/metrics\.listen "localhost:99999" is not host:port/);
    const typo = parse('defaults:\n  loging: { max_files: 2 }\n');
    expect(typo.ok && typo.value.warnings.map(formatConfigProblem).join('\n')).toMatch(/loging.*logging/);
  });
});

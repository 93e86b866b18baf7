import { ConfigError, formatConfigProblem } from '@localport/application';
import { findService, planReload, Result, Service, unwrap } from '@localport/domain';
import { parseConfigText, LoadedConfigFile } from '../config/config-parser';
import { toFileShape } from '../config/config-renderer';

const parse = (yaml: string, current: string | null = 'dev'): Result<LoadedConfigFile, ConfigError> => parseConfigText(yaml, 'lp.yaml', {}, { homedir: '/home/u', currentKubeContext: () => current });
const services = (yaml: string): Service[] => [...unwrap(parse(yaml)).config.services];
const forwarderOf = (yaml: string, name: string): unknown => {
  const s = findService(unwrap(parse(yaml)).config, name);
  if (!s) throw new Error(`no service ${name}`);
  return s.connection['forwarder'];
};

const svc = (name: string, port: number, extra = '') => `
  - name: ${name}
    technology: kubectl
    local_port: ${port}
    remote_port: 80
    connection:
      resource_name: ${name}${extra}`;

/** A file with one service per precedence level: own forwarder, context prod's, defaults'. */
const file = ({ defaults = '', prod = '', own = '' }: { defaults?: string; prod?: string; own?: string }) => `
${defaults ? `defaults:\n  forwarder: ${defaults}\n` : ''}${prod ? `cluster_contexts:\n  prod:\n    forwarder: ${prod}\n` : ''}services:${svc('a', 7001, own ? `\n      forwarder: ${own}` : '')}${svc('b', 7002, '\n      context: prod')}${svc('c', 7003)}
`;

describe('forwarder: native | kubectl', () => {
  it('is native when nothing names one', () => {
    expect(services(file({})).map((s) => s.connection['forwarder'])).toEqual(['native', 'native', 'native']);
  });

  it('resolves service > cluster_contexts.<ctx> > defaults > native', () => {
    const all = file({ defaults: 'kubectl', prod: 'native', own: 'native' });
    expect(['a', 'b', 'c'].map((n) => forwarderOf(all, n))).toEqual(['native', 'native', 'kubectl']);
    expect(['a', 'b', 'c'].map((n) => forwarderOf(file({ prod: 'kubectl' }), n))).toEqual(['native', 'kubectl', 'native']);
    expect(['a', 'b', 'c'].map((n) => forwarderOf(file({ defaults: 'kubectl', own: 'native' }), n))).toEqual(['native', 'kubectl', 'kubectl']);
  });

  it('a service that names no context takes the kubeconfig current context\'s setting', () => {
    const yaml = `cluster_contexts:\n  dev:\n    forwarder: kubectl\nservices:${svc('a', 7001)}${svc('b', 7002, '\n      context: prod')}`;
    expect(unwrap(parse(yaml)).config.services.map((s) => s.connection['forwarder'])).toEqual(['kubectl', 'native']);
  });

  it('a context named like an Object.prototype member reads nothing from it', () => {
    const yaml = `services:${svc('a', 7001, '\n      context: constructor')}`;
    expect(forwarderOf(yaml, 'a')).toBe('native');
  });

  it.each([
    [file({ own: 'kubect' }), 'lp.yaml:9: services[0] "a": connection.forwarder "kubect" is not one of native, kubectl'],
    [file({ defaults: 'ssh' }), 'lp.yaml:3: defaults.forwarder "ssh" is not one of native, kubectl'],
    [file({ prod: 'grpc' }), 'lp.yaml:4: cluster_contexts.prod.forwarder "grpc" is not one of native, kubectl'],
  ])('an unknown value is a config error naming file:line, service and field (%#)', (yaml, expected) => {
    const r = parse(yaml);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('CONFIG.INVALID');
    expect(r.error.problems.map(formatConfigProblem).join('\n')).toContain(expected);
  });

  it('balance: round-robin is kept; with forwarder: kubectl it is a warning', () => {
    const rr = unwrap(parse(`version: "1.0"\nservices:${svc('a', 7001, '\n      balance: round-robin')}`));
    expect(rr.config.services[0].connection).toMatchObject({ forwarder: 'native', balance: 'round-robin' });
    expect(rr.warnings).toEqual([]);
    const warned = unwrap(parse(`version: "1.0"\nservices:${svc('a', 7001, '\n      balance: round-robin\n      forwarder: kubectl')}`));
    expect(warned.warnings.map((w) => w.field)).toEqual(['connection.balance']);
  });

  it('config show renders the resolved forwarder on each kubectl service', () => {
    const loaded = unwrap(parse(file({ defaults: 'kubectl', own: 'native' })));
    const shown = toFileShape(loaded.config) as { services: { name: string; connection: Record<string, unknown> }[] };
    expect(shown.services.map((s) => s.connection['forwarder'])).toEqual(['native', 'kubectl', 'kubectl']);
  });

  it('reload restarts only the services whose resolved forwarder changed, at any level', () => {
    const before = services(file({}));
    const restarted = (next: Service[]) => planReload(before, next).filter((a) => a.kind === 'restart').map((a) => (a.kind === 'restart' ? [a.service.name, a.changed] : []));
    expect(restarted(services(file({ own: 'kubectl' })))).toEqual([['a', ['connection']]]);
    expect(restarted(services(file({ prod: 'kubectl' })))).toEqual([['b', ['connection']]]);
    expect(restarted(services(file({ defaults: 'kubectl', own: 'native', prod: 'native' })))).toEqual([['c', ['connection']]]);
    expect(restarted(services(file({ defaults: 'native' })))).toEqual([]);
  });
});

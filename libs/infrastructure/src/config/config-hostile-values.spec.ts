import { formatConfigProblem } from '@localport/application';
import { unwrap } from '@localport/domain';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfigText } from './config-parser';

const dev = { currentKubeContext: () => 'dev' };
const ssh = (connection: string) => `version: "1.0"\nservices:\n  - name: db\n    technology: ssh\n    local_port: 15432\n    remote_port: 5432\n    connection: ${connection}\n`;
const kube = (connection: string) => `version: "1.0"\nservices:\n  - name: db\n    technology: kubectl\n    local_port: 15432\n    remote_port: 5432\n    connection: ${connection}\n`;

function errorsOf(yaml: string, env: NodeJS.ProcessEnv = {}): string[] {
  const result = parseConfigText(yaml, 'lp.yaml', env, dev);
  if (result.ok) throw new Error('expected the config to be rejected');
  return result.error.problems.map(formatConfigProblem);
}

describe('values that would reach a command line as options (issue 11, defect 8)', () => {
  it.each([
    ['an ssh host that is an option', ssh('{host: "-oProxyCommand=touch /tmp/pwned"}'), 'connection.host "-oProxyCommand=touch /tmp/pwned" is not a host name or IP address'],
    ['an ssh user that is an option', ssh('{host: bastion, user: "-oProxyCommand=x"}'), 'connection.user "-oProxyCommand=x" is not a user name'],
    ['an ssh remote host that is an option', ssh('{host: bastion, remote_host: "-x"}'), 'connection.remote_host "-x" is not a host name or IP address'],
    ['a host with a space', ssh('{host: "a b"}'), 'connection.host "a b" is not a host name'],
    ['an ssh option name that is not one', ssh('{host: bastion, ssh_options: {"-F/tmp/x": "y"}}'), 'connection.ssh_options.-F/tmp/x "-F/tmp/x" is not an ssh option name'],
    ['an ssh option value over two lines', ssh('{host: bastion, ssh_options: {ProxyCommand: "a\\nb"}}'), 'connection.ssh_options.ProxyCommand must be a single line'],
    ['a kubectl context that is a flag', kube('{resource_name: db, context: "--kubeconfig=/tmp/evil"}'), 'connection.context "--kubeconfig=/tmp/evil" is not a context name'],
    ['a kubectl resource name that is a flag', kube('{resource_name: "--kubeconfig=/tmp/evil"}'), 'connection.resource_name "--kubeconfig=/tmp/evil" is not a DNS-1123 name'],
    ['a namespace that is a flag', kube('{resource_name: db, namespace: "--as=admin"}'), 'connection.namespace "--as=admin" is not a DNS-1123 label'],
    ['an upper-case namespace', kube('{resource_name: db, namespace: Prod}'), 'connection.namespace "Prod" is not a DNS-1123 label'],
  ])('refuses %s', (_what, yaml, expected) => {
    const errors = errorsOf(yaml);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^lp\.yaml:\d+: services\[0\] "db": /);
    expect(errors[0]).toContain(expected);
  });

  it('refuses a 10 MB host in bounded time, with a short message', () => {
    const started = Date.now();
    const errors = errorsOf(ssh('{host: "${HUGE}"}'), { HUGE: 'a'.repeat(10 * 1024 * 1024) });
    expect(errors).toEqual(['lp.yaml:7: services[0] "db": connection.host is too long (10485760 characters; at most 253)']);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it.each([
    ['a user', ssh('{host: bastion, user: "${V}"}'), 'connection.user is too long (65 characters; at most 64)', 'u'.repeat(65)],
    ['a context', kube('{resource_name: db, context: "${V}"}'), 'connection.context is too long (254 characters; at most 253)', 'c'.repeat(254)],
    ['a namespace', kube('{resource_name: db, namespace: "${V}"}'), 'connection.namespace is too long (64 characters; at most 63)', 'n'.repeat(64)],
    ['a password', ssh('{host: bastion, password: "${V}"}'), 'connection.password is too long (1025 characters; at most 1024)', 'p'.repeat(1025)],
  ])('bounds the length of %s', (_what, yaml, expected, value) => {
    expect(errorsOf(yaml, { V: value })[0]).toContain(expected);
  });

  it('still accepts what users really write', () => {
    const ok = (yaml: string) => unwrap(parseConfigText(yaml, 'lp.yaml', {}, dev)).config.services[0];
    expect(ok(ssh('{host: bastion-1.corp.example.com, user: first.last, remote_host: 10.0.0.5}')).target).toBe('10.0.0.5:5432 via bastion-1.corp.example.com');
    expect(ok(ssh('{host: "::1", user: svc_reader}')).connection).toMatchObject({ host: '::1', user: 'svc_reader' });
    expect(ok(kube('{resource_name: postgres-0.db, namespace: team-a, context: "arn:aws:eks:eu-west-1:123:cluster/prod"}')).kubeContext).toBe('arn:aws:eks:eu-west-1:123:cluster/prod');
    expect(ok(kube('{resource_name: db, context: gke_proj_europe-west1_main}')).kubeContext).toBe('gke_proj_europe-west1_main');
  });
});

describe('the kube context, resolved once at load (issue 9, item 5)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lp-kubectx-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const kubeconfig = (current: string | null) => {
    const file = join(dir, `config-${current ?? 'none'}`);
    writeFileSync(file, `apiVersion: v1\nkind: Config\n${current ? `current-context: ${current}\n` : ''}contexts: []\nclusters: []\nusers: []\n`);
    return file;
  };

  it("takes the context a service names, else the kubeconfig's current context; null when no cluster gates the service", () => {
    const yaml = `${kube('{resource_name: db}')}  - {name: named, technology: kubectl, local_port: 1025, remote_port: 1, connection: {resource_name: a, context: prod}}\n  - {name: jump, technology: ssh, local_port: 1026, remote_port: 1, connection: {host: bastion}}\n`;
    const services = unwrap(parseConfigText(yaml, 'lp.yaml', { KUBECONFIG: `${join(dir, 'missing')}:${kubeconfig(null)}:${kubeconfig('staging')}`, HOME: dir })).config.services;
    expect(services.map((s) => [s.name, s.kubeContext])).toEqual([['db', 'staging'], ['named', 'prod'], ['jump', null]]);
    // The connection stays as written, so `config show` does not grow a context the user never wrote.
    expect(services[0].connection).not.toHaveProperty('context');
  });

  it('reads ~/.kube/config when KUBECONFIG is unset', () => {
    const { mkdirSync, copyFileSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
    mkdirSync(join(dir, '.kube'));
    copyFileSync(kubeconfig('home-ctx'), join(dir, '.kube', 'config'));
    expect(unwrap(parseConfigText(kube('{resource_name: db}'), 'lp.yaml', { HOME: dir })).config.services[0].kubeContext).toBe('home-ctx');
  });

  it('is a config error naming file, line, service and field when the kubeconfig has no current context', () => {
    const result = parseConfigText(kube('{resource_name: db}'), 'lp.yaml', { KUBECONFIG: kubeconfig(null), HOME: dir });
    expect(result.ok ? [] : result.error.problems.map(formatConfigProblem)).toEqual([
      'lp.yaml:7: services[0] "db": connection names no context and the kubeconfig has no current context; set connection.context, or choose one with `kubectl config use-context NAME`',
    ]);
  });
});

describe('warnings of config validate (issue 11, defect 3)', () => {
  it('warns, without failing, about a local port below 1024', () => {
    const loaded = unwrap(parseConfigText(ssh('{host: bastion}').replace('15432', '443'), 'lp.yaml', {}, dev));
    expect(loaded.warnings.map(formatConfigProblem)).toEqual([
      'lp.yaml:5: services[0] "db": local_port 443 is below 1024; binding it needs root or CAP_NET_BIND_SERVICE, so the service will fail to start as a normal user',
    ]);
  });

  it('warns, without failing, about a config of more than 500 services', () => {
    const entry = (i: number) => `  - {name: s${i}, technology: ssh, local_port: ${20_000 + i}, remote_port: 1, connection: {host: bastion}}\n`;
    const many = (n: number) => `version: "1.0"\nservices:\n${Array.from({ length: n }, (_, i) => entry(i)).join('')}`;
    expect(unwrap(parseConfigText(many(500), 'lp.yaml', {}, dev)).warnings).toEqual([]);
    const loaded = unwrap(parseConfigText(many(501), 'lp.yaml', {}, dev));
    expect(loaded.config.services).toHaveLength(501);
    expect(loaded.warnings.map(formatConfigProblem)).toEqual([
      'lp.yaml:2: services 501 services (more than 500): starting them all launches as many tunnel processes; consider splitting the file or using tags to start what you need',
    ]);
  });
});

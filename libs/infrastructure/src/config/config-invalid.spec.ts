import { formatConfigProblem } from '@localport/application';
import { parseConfigText } from './config-parser';
import { InvalidConfigError } from './config.errors';
import { TECHNOLOGIES } from '../technologies';

/** The registered technologies as messages list them (kubectl, ssh, tcp ...). */
const KNOWN = TECHNOLOGIES.names.join(', ');

/** Parses `yaml` as file `lp.yaml` and returns every error line as the CLI prints it. */
function errorsOf(yaml: string, env: NodeJS.ProcessEnv = {}): string[] {
  const result = parseConfigText(yaml, 'lp.yaml', env, { homedir: '/home/u' });
  if (result.ok) throw new Error('expected the config to be rejected');
  expect(result.error).toBeInstanceOf(InvalidConfigError);
  expect(result.error.code).toBe('CONFIG.INVALID');
  return result.error.problems.map(formatConfigProblem);
}

const kube = (name: string, local: number | string, extra = '') => `  - name: ${name}
    technology: kubectl
    local_port: ${local}
    remote_port: 80
    connection:
      resource_name: ${name}
${extra}`;

const cases: { title: string; yaml: string; expected: string[]; env?: NodeJS.ProcessEnv }[] = [
  {
    title: 'a local port out of range',
    yaml: `version: "1.0"\nservices:\n${kube('api', 8080)}${kube('redis', 70000)}`,
    expected: ['lp.yaml:11: services[1] "redis": local_port 70000 is not a port (1-65535)'],
  },
  {
    title: 'a quoted port (LocalPort rejects it too)',
    yaml: `services:\n  - name: db\n    technology: kubectl\n    local_port: 5432\n    remote_port: "5432"\n    connection: {resource_name: db}\n`,
    expected: ['lp.yaml:5: services[0] "db": remote_port must be a number, got "5432"'],
  },
  {
    title: 'a missing remote_port, placed on the service',
    yaml: `services:\n  - name: db\n    technology: kubectl\n    local_port: 5432\n    connection: {resource_name: db}\n`,
    expected: ['lp.yaml:2: services[0] "db": remote_port is required'],
  },
  {
    title: 'an unknown technology',
    yaml: `services:\n  - name: db\n    technology: docker\n    local_port: 5432\n    remote_port: 5432\n    connection: {}\n`,
    expected: [`lp.yaml:3: services[0] "db": technology "docker" is not one of ${KNOWN}`],
  },
  {
    title: 'an unknown resource_type',
    yaml: `services:\n${kube('job', 9000, '      resource_type: cronjob\n')}`,
    expected: ['lp.yaml:8: services[0] "job": connection.resource_type "cronjob" is not one of pod, service, deployment, statefulset'],
  },
  {
    title: 'an unknown health check type',
    yaml: `services:\n${kube('api', 8080, '    health_check:\n      type: grpc\n')}`,
    expected: ['lp.yaml:9: services[0] "api": health_check.type "grpc" is not one of tcp, http, https, postgres, postgresql, kafka'],
  },
  {
    title: 'a health check interval out of range',
    yaml: `services:\n${kube('api', 8080, '    health_check:\n      interval: 0\n')}`,
    expected: ['lp.yaml:9: services[0] "api": health_check.interval 0 is out of range (1-3600 seconds)'],
  },
  {
    title: 'a health check timeout out of range in defaults',
    yaml: `defaults:\n  health_check:\n    timeout: 301\nservices:\n${kube('api', 8080)}`,
    expected: ['lp.yaml:3: defaults.health_check.timeout 301 is out of range (0.1-300 seconds)'],
  },
  {
    title: 'a failure threshold that is not a whole number',
    yaml: `services:\n${kube('api', 8080, '    health_check:\n      failure_threshold: 2.5\n')}`,
    expected: ['lp.yaml:9: services[0] "api": health_check.failure_threshold must be a whole number, got 2.5'],
  },
  {
    title: 'restart policy values out of range',
    yaml: `services:\n${kube('api', 8080, '    restart_policy:\n      max_attempts: -1\n      backoff_multiplier: 20\n')}`,
    expected: [
      'lp.yaml:9: services[0] "api": restart_policy.max_attempts -1 is out of range (0-1000)',
      'lp.yaml:10: services[0] "api": restart_policy.backoff_multiplier 20 is out of range (1-10)',
    ],
  },
  {
    title: 'a cluster health interval out of range',
    yaml: `defaults:\n  cluster_health:\n    interval: 30\nservices: []\n`,
    expected: ['lp.yaml:3: defaults.cluster_health.interval 30 is out of range (60-3600 seconds)'],
  },
  {
    title: "a context's cluster health timeout not shorter than the interval it inherits",
    yaml: `defaults:\n  cluster_health:\n    interval: 60\ncluster_contexts:\n  prod:\n    cluster_health:\n      timeout: 90\nservices: []\n`,
    expected: ['lp.yaml:7: cluster_contexts.prod.cluster_health.timeout 90 must be shorter than interval (60 seconds)'],
  },
  {
    title: 'duplicate service names',
    yaml: `services:\n${kube('api', 8080)}${kube('api', 8081)}`,
    expected: ['lp.yaml:8: services[1] "api": name "api" is already used by services[0] (line 2)'],
  },
  {
    title: 'two services on the same local port',
    yaml: `services:\n${kube('api', 8080)}${kube('web', 8080)}`,
    expected: ['lp.yaml:10: services[1] "web": local_port 8080 is already used by services[0] "api" (line 2) on 127.0.0.1'],
  },
  {
    title: 'a kubectl connection without resource_name',
    yaml: `services:\n  - name: api\n    technology: kubectl\n    local_port: 8080\n    remote_port: 80\n    connection:\n      namespace: web\n`,
    expected: ['lp.yaml:6: services[0] "api": connection.resource_name is required'],
  },
  {
    title: 'an ssh connection without host, and a bad ssh port',
    yaml: `services:\n  - name: db\n    technology: ssh\n    local_port: 15432\n    remote_port: 5432\n    connection:\n      user: deploy\n      port: 0\n`,
    expected: ['lp.yaml:6: services[0] "db": connection.host is required', 'lp.yaml:8: services[0] "db": connection.port 0 is not a port (1-65535)'],
  },
  {
    title: 'a service without connection',
    yaml: `services:\n  - name: db\n    technology: ssh\n    local_port: 15432\n    remote_port: 5432\n`,
    expected: ['lp.yaml:2: services[0] "db": connection is required'],
  },
  {
    title: 'a YAML syntax error',
    yaml: `services:\n  - name: db\n    technology: [kubectl\n    local_port: 1\n`,
    expected: ['lp.yaml:4: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]'],
  },
  {
    title: 'a duplicate key',
    yaml: `services:\n  - name: db\n    name: db2\n`,
    expected: ['lp.yaml:3: YAML syntax error: Map keys must be unique'],
  },
  {
    title: 'an empty file',
    yaml: `# nothing here yet\n`,
    expected: ['lp.yaml: the file is empty; expected a mapping with `version` and `services`'],
  },
  {
    title: 'a document that is a list',
    yaml: `\n- name: db\n  technology: kubectl\n`,
    expected: ['lp.yaml:2: the document must be a mapping with `version` and `services`, not a list'],
  },
  {
    title: 'an unset variable without default (and no follow-up noise on its line)',
    yaml: `services:\n${kube('db', '${DB_PORT}')}`,
    expected: ['lp.yaml:4: environment variable DB_PORT is not set (write ${DB_PORT:default} to give a default)'],
  },
  {
    title: 'an http check with a bad URL and method',
    yaml: `services:\n${kube('api', 8080, '    health_check:\n      type: http\n      config:\n        url: localhost:8080/health\n        method: FETCH\n')}`,
    expected: [
      'lp.yaml:11: services[0] "api": health_check.config.url "localhost:8080/health" is not an http(s) URL',
      'lp.yaml:12: services[0] "api": health_check.config.method "FETCH" is not one of GET, HEAD, POST, PUT, DELETE, OPTIONS',
    ],
  },
  {
    title: 'a bad value inherited from defaults.health_check.config, reported once where it is written',
    yaml: `defaults:\n  health_check:\n    type: tcp\n    config:\n      port: 99999\nservices:\n${kube('a', 8080)}${kube('b', 8081)}`,
    expected: ['lp.yaml:5: defaults.health_check.config.port 99999 is not a port (1-65535)'],
  },
  {
    title: 'a bind address that is not an IP',
    yaml: `services:\n${kube('api', 8080, '    bind_address: my-laptop\n')}`,
    expected: ['lp.yaml:8: services[0] "api": bind_address "my-laptop" is not an IP address'],
  },
  {
    title: 'a name with spaces',
    yaml: `services:\n${kube('"my api"', 8080)}`,
    expected: [
      `lp.yaml:2: services[0] "my api": name "my api" is not a valid name (letters, digits, '.', '_' or '-', at most 63)`,
      `lp.yaml:7: services[0] "my api": connection.resource_name "my api" is not a DNS-1123 name (lower-case letters, digits, '-' and '.', starting and ending with a letter or digit)`,
    ],
  },
  {
    title: 'services that is not a list, and a service that is not a mapping',
    yaml: `services:\n  db: {}\n`,
    expected: ['lp.yaml:1: services must be a list, got a mapping'],
  },
  {
    title: 'wrong kinds of values where a choice or a number is expected',
    yaml: `services:\n  - {name: a, technology: {x: 1}, local_port: , remote_port: 2, connection: {}}\n`,
    expected: [`lp.yaml:2: services[0] "a": technology must be one of ${KNOWN}, got a mapping`, 'lp.yaml:2: services[0] "a": local_port is empty; expected a number'],
  },
  {
    // zod stops a refinement of the service after an aborting issue (a fraction is not a whole number); the
    // connection is checked as a field of the one composed schema, so its problems still come with it.
    title: 'a service whose local port aborts its own check, with a wrong connection and no remote port',
    yaml: `services:\n  - {name: a, technology: TCP, local_port: 1.5, connection: {hots: db, port: 0}}\n  - {name: b, technology: docker, local_port: 2.5, connection: 7}\n`,
    expected: [
      'lp.yaml:2: services[0] "a": local_port must be a whole number, got 1.5',
      'lp.yaml:2: services[0] "a": connection.host is required',
      'lp.yaml:2: services[0] "a": connection.port 0 is not a port (1-65535)',
      `lp.yaml:3: services[1] "b": technology "docker" is not one of ${KNOWN}`,
      'lp.yaml:3: services[1] "b": local_port must be a whole number, got 2.5',
      'lp.yaml:3: services[1] "b": connection must be a mapping, got 7',
      'lp.yaml:3: services[1] "b": remote_port is required',
    ],
  },
  {
    title: 'two YAML documents in one file',
    yaml: `version: "1.0"\n---\nservices: []\n`,
    expected: ['lp.yaml:2: YAML syntax error: the file holds more than one YAML document (---); LocalPort reads exactly one'],
  },
  {
    title: 'a service entry that is a plain value',
    yaml: `services:\n  - db\n`,
    expected: ['lp.yaml:2: services[0] must be a mapping, got "db"'],
  },
  {
    title: 'tags that are not a list and enabled that is not a boolean',
    yaml: `services:\n${kube('api', 8080, '    tags: web\n    enabled: maybe\n')}`,
    expected: ['lp.yaml:8: services[0] "api": tags must be a list, got "web"', 'lp.yaml:9: services[0] "api": enabled must be true or false, got "maybe"'],
  },
];

describe('invalid configs', () => {
  it.each(cases)('rejects $title', ({ yaml, expected, env }) => {
    expect(errorsOf(yaml, env)).toEqual(expected);
  });

  it('reports every problem of a file at once, in line order', () => {
    const messages = errorsOf(`services:\n${kube('api', 0)}${kube('api', 70000)}${kube('web', 80, '    health_check:\n      interval: 9999\n')}`);
    expect(messages).toEqual([
      'lp.yaml:4: services[0] "api": local_port 0 is not a port (1-65535)',
      'lp.yaml:8: services[1] "api": name "api" is already used by services[0] (line 2)',
      'lp.yaml:10: services[1] "api": local_port 70000 is not a port (1-65535)',
      'lp.yaml:21: services[2] "web": health_check.interval 9999 is out of range (1-3600 seconds)',
    ]);
  });
});

describe('odd shapes', () => {
  const odd = [
    'services: 5',
    'services: [[1, 2]]',
    'defaults: [1]\nservices: []',
    'defaults: {health_check: tcp, restart_policy: [], cluster_health: 7}\nservices: []',
    'cluster_contexts: [a, b]\nservices: []',
    'cluster_contexts: {prod: [1]}\nservices: []',
    'services:\n  - {name: a, technology: ssh, local_port: 1, remote_port: 2, connection: [host]}',
    'services:\n  - {name: a, technology: kubectl, local_port: 1, remote_port: 2, connection: {resource_name: a}, health_check: http}',
    'services:\n  - {name: a, technology: kubectl, local_port: 1, remote_port: 2, connection: {resource_name: a}, health_check: {config: [1]}}',
    'services:\n  - {name: [x], technology: {a: 1}, local_port: null, remote_port: .inf, connection: {resource_name: null}}',
    'services: &x [*x]',
    '--- a\n--- b',
    'services:\n  - *undefined_anchor',
  ];

  it.each(odd)('reports %j as problems instead of throwing', (yaml) => {
    const result = parseConfigText(yaml, 'lp.yaml', {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.problems.length).toBeGreaterThan(0);
      for (const p of result.error.problems) expect(formatConfigProblem(p)).toMatch(/^lp\.yaml(:\d+)?: /);
    }
  });
});

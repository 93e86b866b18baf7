import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatConfigProblem } from '@localport/application';
import { DEFAULT_HEALTH_TIMING, DEFAULT_RESTART_POLICY, findService, Service, unwrap } from '@localport/domain';
import { loadConfigFile, parseConfigText } from './config-parser';

const EXAMPLES = resolve(__dirname, '../../../../examples');
/** The kubeconfig's current context for services that name none (resolution itself is tested below). */
const dev = { currentKubeContext: () => 'dev' };
const parse = (yaml: string, env: NodeJS.ProcessEnv = {}) => unwrap(parseConfigText(yaml, 'lp.yaml', env, { homedir: '/home/u', ...dev }));
const service = (yaml: string, name: string, env: NodeJS.ProcessEnv = {}): Service => {
  const found = findService(parse(yaml, env).config, name);
  if (!found) throw new Error(`no service ${name}`);
  return found;
};

describe('the examples in examples/', () => {
  it('kubectl.yaml loads with defaults and contexts applied', async () => {
    const loaded = unwrap(await loadConfigFile(join(EXAMPLES, 'kubectl.yaml'), {}));
    expect(loaded.path).toBe(join(EXAMPLES, 'kubectl.yaml'));
    expect(loaded.warnings).toEqual([]);
    const { services, clusterHealth } = loaded.config;
    expect(services.map((s) => s.name)).toEqual(['postgres', 'api', 'kafka', 'grafana']);
    expect(findService(loaded.config, 'grafana')).toMatchObject({ enabled: false, connection: { resourceType: 'pod', context: 'prod-eu' } });
    expect(findService(loaded.config, 'kafka')?.connection).toMatchObject({ resourceType: 'statefulset', namespace: 'streaming' });
    expect(findService(loaded.config, 'api')?.restartPolicy).toEqual({ ...DEFAULT_RESTART_POLICY, maxDelayMs: 30_000 });
    expect(findService(loaded.config, 'grafana')?.healthCheck).toEqual({ type: 'tcp', intervalMs: 30_000, timeoutMs: 5_000, failureThreshold: 3, successThreshold: 1 });
    expect(findService(loaded.config, 'postgres')?.healthCheck).toMatchObject({ type: 'postgres', intervalMs: 20_000, password: 'dev-only' });
    expect(clusterHealth.contexts['prod-eu']).toMatchObject({ intervalMs: 120_000, timeoutMs: 30_000, commands: { eventsOnFailure: false, podStatus: true } });
  });

  it('ssh.yaml loads; missing key files are warnings, not errors', async () => {
    const loaded = unwrap(await loadConfigFile(join(EXAMPLES, 'ssh.yaml'), { HOME: '/nonexistent-home' }, { homedir: '/nonexistent-home' }));
    expect(loaded.config.services).toHaveLength(3);
    expect(findService(loaded.config, 'orders-db')?.connection).toEqual({
      technology: 'ssh',
      host: 'bastion.example.com',
      port: 22,
      user: 'deploy',
      keyFile: '/nonexistent-home/.ssh/id_ed25519',
      remoteHost: 'db.internal',
      strictHostKeyChecking: 'accept-new',
      options: { ServerAliveInterval: '15' },
    });
    expect(findService(loaded.config, 'admin-ui')?.connection).toMatchObject({ host: 'admin.example.com', port: 2222, strictHostKeyChecking: 'yes' });
    expect(findService(loaded.config, 'admin-ui')?.healthCheck).toMatchObject({ type: 'http', scheme: 'https', path: '/status', verifyTls: false });
    expect(findService(loaded.config, 'redis')?.healthCheck).toMatchObject({ type: 'tcp', failureThreshold: 5, intervalMs: 30_000 });
    expect(loaded.warnings.map((w) => w.field)).toEqual(['connection.key_file', 'connection.key_file', 'connection.key_file']);
    expect(formatConfigProblem(loaded.warnings[0])).toBe(
      `${join(EXAMPLES, 'ssh.yaml')}:27: services[0] "orders-db": connection.key_file /nonexistent-home/.ssh/id_ed25519 does not exist (yet); the tunnel will fail until it does`,
    );
  });

  it('localport-legacy.yaml (LocalPort 0.3.x style) loads unchanged, env defaults included', async () => {
    const loaded = unwrap(await loadConfigFile(join(EXAMPLES, 'localport-legacy.yaml'), { API_NAMESPACE: 'web' }, dev));
    const { config } = loaded;
    expect(config.services.map((s) => [s.name, s.localPort])).toEqual([['postgres', 5433], ['web-api', 8080], ['kafka', 9092], ['jump-redis', 6380]]);
    expect(findService(config, 'web-api')?.connection).toMatchObject({ namespace: 'web', resourceType: 'service' });
    expect(findService(config, 'web-api')?.healthCheck).toMatchObject({ type: 'http', url: 'http://localhost:8080/health', expectedStatus: [200], intervalMs: 15_000, timeoutMs: 5_000 });
    expect(findService(config, 'kafka')?.healthCheck).toMatchObject({ type: 'kafka', bootstrapServers: ['localhost:9092'], intervalMs: 30_000 });
    expect(findService(config, 'jump-redis')?.restartPolicy).toMatchObject({ maxAttempts: 5, maxDelayMs: 300_000 });
    expect(config.clusterHealth.contexts['minikube']).toMatchObject({ intervalMs: 120_000, timeoutMs: 20_000, commands: { eventsOnFailure: false } });
    expect(config.clusterHealth.contexts['production']).toMatchObject({ intervalMs: 300_000, timeoutMs: 30_000, failureThreshold: 5 });
  });
});

describe('defaults', () => {
  const base = `defaults:
  health_check:
    type: http
    interval: 10
    config:
      path: /ready
      headers: {X-Probe: localport}
  restart_policy:
    max_attempts: 7
    initial_delay: 2
services:
  - name: own-partial
    technology: kubectl
    local_port: 8080
    remote_port: 80
    connection: {resource_name: api}
    health_check:
      timeout: 2
      config: {expected_status: [200]}
    restart_policy:
      max_delay: 20
  - name: other-type
    technology: kubectl
    local_port: 8081
    remote_port: 80
    connection: {resource_name: api}
    health_check: {type: tcp}
  - name: nothing-own
    technology: kubectl
    local_port: 8082
    remote_port: 80
    connection: {resource_name: api}
`;

  it('merges a partial health check and restart policy over defaults, config key by key', () => {
    const s = service(base, 'own-partial');
    expect(s.healthCheck).toEqual({
      type: 'http',
      intervalMs: 10_000,
      timeoutMs: 2_000,
      failureThreshold: 3,
      successThreshold: 1,
      scheme: 'http',
      path: '/ready',
      method: 'GET',
      expectedStatus: [200],
      headers: { 'X-Probe': 'localport' },
      verifyTls: true,
    });
    expect(s.restartPolicy).toEqual({ ...DEFAULT_RESTART_POLICY, maxAttempts: 7, initialDelayMs: 2_000, maxDelayMs: 20_000 });
  });

  it('keeps the timing but not the config of defaults when a service picks another type', () => {
    expect(service(base, 'other-type').healthCheck).toEqual({ type: 'tcp', intervalMs: 10_000, timeoutMs: 5_000, failureThreshold: 3, successThreshold: 1 });
  });

  it('gives a service without a health check the defaults wholesale', () => {
    expect(service(base, 'nothing-own').healthCheck).toMatchObject({ type: 'http', path: '/ready', intervalMs: 10_000, expectedStatus: [200, 201, 202, 204] });
  });

  it('falls back to a TCP check with LocalPort timing when nothing is configured', () => {
    const s = service(`services:\n  - {name: a, technology: kubectl, local_port: 1, remote_port: 2, connection: {resource_name: a}}\n`, 'a');
    expect(s.healthCheck).toEqual({ type: 'tcp', ...DEFAULT_HEALTH_TIMING });
    expect(s).toMatchObject({ bindAddress: '127.0.0.1', connectTimeoutMs: 10_000, enabled: true, tags: [], restartPolicy: DEFAULT_RESTART_POLICY });
    expect(s.connection).toEqual({ technology: 'kubectl', resourceType: 'service', resourceName: 'a', namespace: 'default', forwarder: 'native' });
  });

  it('merges cluster_contexts over defaults.cluster_health, commands key by key', () => {
    const { clusterHealth } = parse(`defaults:
  cluster_health: {interval: 300, retry_attempts: 4, commands: {pod_status: false}}
cluster_contexts:
  prod: {cluster_health: {timeout: 10, commands: {node_status: {enabled: false}}}}
  bare: {}
services: []
`).config;
    expect(clusterHealth.defaults).toMatchObject({ intervalMs: 300_000, timeoutMs: 30_000, retryAttempts: 4, commands: { podStatus: false, nodeStatus: true } });
    expect(clusterHealth.contexts['prod']).toMatchObject({ intervalMs: 300_000, timeoutMs: 10_000, retryAttempts: 4, commands: { podStatus: false, nodeStatus: false, clusterInfo: true } });
    expect(clusterHealth.contexts['bare']).toEqual(clusterHealth.defaults);
  });
});

describe('LocalPort spellings and leniency', () => {
  const one = (extra: string, tech = 'kubectl', conn = '{resource_name: a}') =>
    `services:\n  - name: a\n    technology: ${tech}\n    local_port: 11000\n    remote_port: 2000\n    connection: ${conn}\n${extra}`;

  it('reads the https and postgresql aliases, expected_status, and kafka comma lists', () => {
    expect(service(one('    health_check: {type: https}\n'), 'a').healthCheck).toMatchObject({ type: 'http', scheme: 'https', path: '/health' });
    expect(service(one('    health_check: {type: postgresql, config: {sslmode: verify-full}}\n'), 'a').healthCheck).toMatchObject({ type: 'postgres', sslmode: 'require' });
    expect(service(one('    health_check: {type: http, config: {expected_status: 204}}\n'), 'a').healthCheck).toMatchObject({ expectedStatus: [204] });
    expect(service(one("    health_check: {type: kafka, config: {bootstrap_servers: 'a:1, b:2'}}\n"), 'a').healthCheck).toMatchObject({ bootstrapServers: ['a:1', 'b:2'] });
  });

  it('keeps numeric-looking secrets as written, and reads yes/no as booleans', () => {
    const s = service(one('    enabled: no\n', 'ssh', '{host: h, password: 0123, strict_host_key_checking: no}'), 'a');
    expect(s.enabled).toBe(false);
    expect(s.connection).toMatchObject({ password: '0123', strictHostKeyChecking: 'no' });
  });

  it('resolves a relative key_file against the config file and warns when it is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-key-'));
    try {
      writeFileSync(join(dir, 'id_test'), 'not really a key');
      const yaml = one('', 'ssh', '{host: h, key_file: id_test}') + one('', 'ssh', '{host: h, key_file: missing}').replace('services:\n', '').replace('name: a', 'name: b').replace('11000', '11001');
      const loaded = unwrap(parseConfigText(yaml, join(dir, 'lp.yaml'), {}, dev));
      expect(findService(loaded.config, 'a')?.connection).toMatchObject({ keyFile: join(dir, 'id_test') });
      expect(loaded.warnings.map(formatConfigProblem)).toEqual([
        `${join(dir, 'lp.yaml')}:1: has no \`version\`; assuming "1.0"`,
        `${join(dir, 'lp.yaml')}:11: services[1] "b": connection.key_file ${join(dir, 'missing')} does not exist (yet); the tunnel will fail until it does`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('warns about unknown keys (with a suggestion) and a missing version, and still loads', () => {
    const result = unwrap(parseConfigText(one('    local_prot: 1\n    health_check: {type: tcp, config: {hots: x}}\n'), 'lp.yaml', {}, dev));
    expect(result.warnings.map(formatConfigProblem)).toEqual([
      'lp.yaml:1: has no `version`; assuming "1.0"',
      'lp.yaml:7: services[0] "a": local_prot is not a known setting and is ignored (did you mean local_port?)',
      'lp.yaml:8: services[0] "a": health_check.config.hots is not a known setting and is ignored (did you mean host?)',
    ]);
  });

  it('takes an unquoted version as written and treats localhost as 127.0.0.1 when looking for port clashes', () => {
    expect(unwrap(parseConfigText(`version: 1.0\n${one('')}`, 'lp.yaml', {}, dev)).config.version).toBe('1.0');
    const clash = `services:
  - {name: a, technology: kubectl, local_port: 1000, remote_port: 1, bind_address: localhost, connection: {resource_name: a}}
  - {name: b, technology: kubectl, local_port: 1000, remote_port: 1, connection: {resource_name: b}}
`;
    const result = parseConfigText(clash, 'lp.yaml', {}, dev);
    expect(result.ok ? [] : result.error.problems.map(formatConfigProblem)).toEqual([
      'lp.yaml:3: services[1] "b": local_port 1000 is already used by services[0] "a" (line 2) on 127.0.0.1',
    ]);
  });

  it('follows YAML merge keys, as PyYAML does', () => {
    const yaml = `x-base: &base\n  technology: kubectl\n  remote_port: 80\nservices:\n  - <<: *base\n    name: a\n    local_port: 1\n    connection: {resource_name: a}\n`;
    const result = unwrap(parseConfigText(yaml, 'lp.yaml', {}, dev));
    expect(result.config.services[0]).toMatchObject({ name: 'a', remotePort: 80, technology: 'kubectl' });
    expect(result.warnings.map(formatConfigProblem)).toEqual([
      'lp.yaml:1: x-base is not a known setting and is ignored',
      'lp.yaml:1: has no `version`; assuming "1.0"',
      'lp.yaml:7: services[0] "a": local_port 1 is below 1024; binding it needs root or CAP_NET_BIND_SERVICE, so the service will fail to start as a normal user',
    ]);
  });

  it('reports a file that does not exist as CONFIG.NOT_FOUND', async () => {
    expect(await loadConfigFile('/nonexistent/localport.yaml', {})).toMatchObject({ ok: false, error: { code: 'CONFIG.NOT_FOUND' } });
  });
});

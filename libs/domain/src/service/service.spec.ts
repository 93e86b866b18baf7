import { InvalidValueError, LocalportError } from '../shared/localport-error';
import { KubectlConnection, ResourceType, SshConnection } from './connection';
import { DEFAULT_HEALTH_TIMING, HealthCheckSpec, HealthCheckTiming } from './health-check-spec';
import { PortNumber } from './port-number';
import { DEFAULT_RESTART_POLICY, RestartPolicy } from './restart-policy';
import { createService, Service, ServiceInput } from './service';

const kubectlInput = (overrides: Partial<ServiceInput> = {}): ServiceInput => ({
  name: 'db',
  localPort: 15432,
  remotePort: 5432,
  bindAddress: '127.0.0.1',
  connection: { technology: 'kubectl', resourceType: 'service', resourceName: 'postgres', namespace: 'default', context: 'dev' },
  healthCheck: { type: 'tcp', ...DEFAULT_HEALTH_TIMING },
  restartPolicy: DEFAULT_RESTART_POLICY,
  tags: ['database'],
  enabled: true,
  connectTimeoutMs: 10_000,
  ...overrides,
});

const sshConnection = (overrides: Partial<SshConnection> = {}): SshConnection => ({
  technology: 'ssh', host: 'bastion.example', port: 22 as PortNumber, user: 'deploy', remoteHost: 'db.internal',
  strictHostKeyChecking: 'accept-new', options: { ServerAliveInterval: '30' }, ...overrides,
});
const kubectlConnection = (overrides: Partial<KubectlConnection>): KubectlConnection =>
  ({ technology: 'kubectl', resourceType: 'service', resourceName: 'postgres', namespace: 'default', ...overrides });
const tcp = (overrides: Partial<HealthCheckTiming>): HealthCheckSpec => ({ type: 'tcp', ...DEFAULT_HEALTH_TIMING, ...overrides });
const restart = (overrides: Partial<RestartPolicy>): RestartPolicy => ({ ...DEFAULT_RESTART_POLICY, ...overrides });

/** The violations of a failed build, or a failure when it built. */
function violations(input: ServiceInput): { field: string; message: string }[] {
  const result = createService(input);
  if (result.ok) throw new Error('expected the service to be refused');
  return [...result.error.violations];
}

describe(createService.name, () => {
  it('builds a kubectl service, taking its technology from the connection', () => {
    const result = createService(kubectlInput());
    expect(result.ok).toBe(true);
    const service = (result as { value: Service }).value;
    expect(service).toEqual({ ...kubectlInput(), technology: 'kubectl' });
    expect(Object.isFrozen(service)).toBe(true);
  });

  it('builds an ssh service', () => {
    const result = createService(kubectlInput({ name: 'bastion-db', connection: sshConnection(), description: 'db via bastion' }));
    expect(result).toMatchObject({ ok: true, value: { name: 'bastion-db', technology: 'ssh', connection: { host: 'bastion.example', port: 22 }, description: 'db via bastion' } });
    expect(Object.isFrozen((result as { value: Service }).value)).toBe(true);
  });

  it('does not keep a technology field smuggled in the input', () => {
    const input = { ...kubectlInput({ connection: sshConnection() }), technology: 'kubectl' } as ServiceInput;
    expect(createService(input)).toMatchObject({ ok: true, value: { technology: 'ssh' } });
  });

  it.each([
    ['a single character', 'a'],
    ['dots, dashes and underscores', 'my.db_primary-1'],
    ['63 characters', 'a'.repeat(63)],
    ['a leading digit', '1db'],
  ])('accepts a name with %s', (_what, name) => {
    expect(createService(kubectlInput({ name })).ok).toBe(true);
  });

  it.each<[string, Partial<ServiceInput>, string]>([
    ['an empty name', { name: '' }, 'name'],
    ['a name of 64 characters', { name: 'a'.repeat(64) }, 'name'],
    ['a name starting with a dash', { name: '-db' }, 'name'],
    ['a name with a space', { name: 'my db' }, 'name'],
    ['a name with a slash', { name: 'db/1' }, 'name'],
    ['local port 0', { localPort: 0 }, 'local_port'],
    ['local port 70000', { localPort: 70_000 }, 'local_port'],
    ['a fractional local port', { localPort: 80.5 }, 'local_port'],
    ['remote port 0', { remotePort: 0 }, 'remote_port'],
    ['remote port 65536', { remotePort: 65_536 }, 'remote_port'],
    ['an empty resource name', { connection: kubectlConnection({ resourceName: '' }) }, 'connection.resource_name'],
    ['an empty namespace', { connection: kubectlConnection({ namespace: '' }) }, 'connection.namespace'],
    ['an unknown resource type', { connection: kubectlConnection({ resourceType: 'job' as ResourceType }) }, 'connection.resource_type'],
    ['an empty ssh host', { connection: sshConnection({ host: '' }) }, 'connection.host'],
    ['ssh port 0', { connection: sshConnection({ port: 0 as PortNumber }) }, 'connection.port'],
    ['ssh port 65536', { connection: sshConnection({ port: 65_536 as PortNumber }) }, 'connection.port'],
    ['a health check interval under 1 s', { healthCheck: tcp({ intervalMs: 999 }) }, 'health_check.interval'],
    ['a health check interval over 1 h', { healthCheck: tcp({ intervalMs: 3_600_001 }) }, 'health_check.interval'],
    ['a NaN health check interval', { healthCheck: tcp({ intervalMs: Number.NaN }) }, 'health_check.interval'],
    ['a health check timeout under 0.1 s', { healthCheck: tcp({ timeoutMs: 99 }) }, 'health_check.timeout'],
    ['a health check timeout over 300 s', { healthCheck: tcp({ timeoutMs: 300_001 }) }, 'health_check.timeout'],
    ['a failure threshold of 0', { healthCheck: tcp({ failureThreshold: 0 }) }, 'health_check.failure_threshold'],
    ['a failure threshold of 101', { healthCheck: tcp({ failureThreshold: 101 }) }, 'health_check.failure_threshold'],
    ['a fractional failure threshold', { healthCheck: tcp({ failureThreshold: 2.5 }) }, 'health_check.failure_threshold'],
    ['a success threshold of 0', { healthCheck: tcp({ successThreshold: 0 }) }, 'health_check.success_threshold'],
    ['a success threshold of 101', { healthCheck: tcp({ successThreshold: 101 }) }, 'health_check.success_threshold'],
    ['max_attempts -1', { restartPolicy: restart({ maxAttempts: -1 }) }, 'restart_policy.max_attempts'],
    ['max_attempts 1001', { restartPolicy: restart({ maxAttempts: 1_001 }) }, 'restart_policy.max_attempts'],
    ['a fractional max_attempts', { restartPolicy: restart({ maxAttempts: 1.5 }) }, 'restart_policy.max_attempts'],
    ['a negative initial delay', { restartPolicy: restart({ initialDelayMs: -1 }) }, 'restart_policy.initial_delay'],
    ['an initial delay over 1 h', { restartPolicy: restart({ initialDelayMs: 3_600_001 }) }, 'restart_policy.initial_delay'],
    ['a backoff multiplier under 1', { restartPolicy: restart({ backoffMultiplier: 0.5 }) }, 'restart_policy.backoff_multiplier'],
    ['a backoff multiplier over 10', { restartPolicy: restart({ backoffMultiplier: 11 }) }, 'restart_policy.backoff_multiplier'],
    ['a max delay under 1 s', { restartPolicy: restart({ maxDelayMs: 999 }) }, 'restart_policy.max_delay'],
    ['a max delay over a day', { restartPolicy: restart({ maxDelayMs: 86_400_001 }) }, 'restart_policy.max_delay'],
    ['a negative jitter', { restartPolicy: restart({ jitter: -0.1 }) }, 'restart_policy.jitter'],
    ['a jitter over 1', { restartPolicy: restart({ jitter: 1.1 }) }, 'restart_policy.jitter'],
    ['a connect timeout of 0', { connectTimeoutMs: 0 }, 'connect_timeout'],
    ['a negative connect timeout', { connectTimeoutMs: -5 }, 'connect_timeout'],
    ['a NaN connect timeout', { connectTimeoutMs: Number.NaN }, 'connect_timeout'],
  ])('refuses %s, naming %s', (_what, overrides, field) => {
    const found = violations(kubectlInput(overrides));
    expect(found.map((v) => v.field)).toEqual([field]);
    expect(found[0].message).not.toBe('');
  });

  it.each<[string, Partial<ServiceInput>]>([
    ['the interval bounds (1 s)', { healthCheck: tcp({ intervalMs: 1_000, timeoutMs: 100 }) }],
    ['the interval bounds (1 h)', { healthCheck: tcp({ intervalMs: 3_600_000, timeoutMs: 300_000 }) }],
    ['the threshold bounds', { healthCheck: tcp({ failureThreshold: 100, successThreshold: 100 }) }],
    ['max_attempts 0 and 1000', { restartPolicy: restart({ maxAttempts: 1_000 }) }],
    ['an initial delay of 0', { restartPolicy: restart({ initialDelayMs: 0, maxAttempts: 0 }) }],
    ['the policy bounds', { restartPolicy: restart({ initialDelayMs: 3_600_000, backoffMultiplier: 10, maxDelayMs: 86_400_000, jitter: 1 }) }],
    ['the lower policy bounds', { restartPolicy: restart({ backoffMultiplier: 1, maxDelayMs: 1_000, jitter: 0 }) }],
    ['port 1 and 65535', { localPort: 1, remotePort: 65_535 }],
  ])('accepts values at %s', (_what, overrides) => {
    expect(createService(kubectlInput(overrides)).ok).toBe(true);
  });

  it('gives the value in the message', () => {
    expect(violations(kubectlInput({ localPort: 70_000 }))).toEqual([{ field: 'local_port', message: '70000 is not a port (1-65535)' }]);
    expect(violations(kubectlInput({ remotePort: Number.NaN }))).toEqual([{ field: 'remote_port', message: 'NaN is not a port (1-65535)' }]);
    expect(violations(kubectlInput({ connection: sshConnection({ port: 22.5 as PortNumber }) }))).toEqual([
      { field: 'connection.port', message: '22.5 is not a port (1-65535)' },
    ]);
    expect(violations(kubectlInput({ healthCheck: tcp({ intervalMs: 500 }) }))).toEqual([
      { field: 'health_check.interval', message: '0.5 is out of range (1-3600 seconds)' },
    ]);
  });

  it('reports every violation at once, in an InvalidValueError', () => {
    const result = createService(
      kubectlInput({
        name: '',
        localPort: 0,
        remotePort: 99_999,
        connection: kubectlConnection({ resourceName: '', namespace: '' }),
        healthCheck: tcp({ intervalMs: 0, failureThreshold: 0 }),
        restartPolicy: restart({ jitter: 2 }),
        connectTimeoutMs: 0,
      }),
    );
    if (result.ok) throw new Error('expected the service to be refused');
    const error = result.error;
    expect(error).toBeInstanceOf(InvalidValueError);
    expect(error).toBeInstanceOf(LocalportError);
    expect(error.code).toBe('DOMAIN.INVALID_VALUE');
    expect(error.name).toBe('InvalidValueError');
    expect(error.violations.map((v) => v.field)).toEqual([
      'name',
      'local_port',
      'remote_port',
      'connection.resource_name',
      'connection.namespace',
      'health_check.interval',
      'health_check.failure_threshold',
      'restart_policy.jitter',
      'connect_timeout',
    ]);
    expect(error.message.split('; ')).toHaveLength(9);
    expect(error.message).toContain('local_port: 0 is not a port (1-65535)');
  });

  it('reports both ssh connection problems', () => {
    expect(violations(kubectlInput({ connection: sshConnection({ host: '', port: 0 as PortNumber }) })).map((v) => v.field)).toEqual([
      'connection.host',
      'connection.port',
    ]);
  });
});

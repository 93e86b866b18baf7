import { InvalidValueError, LocalportError } from '../shared/localport-error';
import { Connection } from './connection';
import { DEFAULT_HEALTH_TIMING, HealthCheckSpec, HealthCheckTiming } from './health-check-spec';
import { DEFAULT_RESTART_POLICY, RestartPolicy } from './restart-policy';
import { createService, Service, ServiceInput } from './service';

const kubectlInput = (overrides: Partial<ServiceInput> = {}): ServiceInput => ({
  name: 'db',
  localPort: 15432,
  remotePort: 5432,
  bindAddress: '127.0.0.1',
  connection: { technology: 'kubectl', resourceType: 'service', resourceName: 'postgres', namespace: 'default', context: 'dev' },
  target: 'service/postgres:5432',
  kubeContext: 'dev',
  healthCheck: { type: 'tcp', ...DEFAULT_HEALTH_TIMING },
  restartPolicy: DEFAULT_RESTART_POLICY,
  tags: ['database'],
  enabled: true,
  connectTimeoutMs: 10_000,
  ...overrides,
});

const sshConnection = (): Connection => ({
  technology: 'ssh', host: 'bastion.example', port: 22, user: 'deploy', remoteHost: 'db.internal', strictHostKeyChecking: 'accept-new', options: { ServerAliveInterval: '30' },
});
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
    const result = createService(kubectlInput({ name: 'bastion-db', connection: sshConnection(), kubeContext: null, description: 'db via bastion' }));
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
    ['local port 0', { localPort: 0 }, 'localPort'],
    ['local port 70000', { localPort: 70_000 }, 'localPort'],
    ['a fractional local port', { localPort: 80.5 }, 'localPort'],
    ['remote port 0', { remotePort: 0 }, 'remotePort'],
    ['remote port 65536', { remotePort: 65_536 }, 'remotePort'],
    ['a health check interval under 1 s', { healthCheck: tcp({ intervalMs: 999 }) }, 'healthCheck.intervalMs'],
    ['a health check interval over 1 h', { healthCheck: tcp({ intervalMs: 3_600_001 }) }, 'healthCheck.intervalMs'],
    ['a NaN health check interval', { healthCheck: tcp({ intervalMs: Number.NaN }) }, 'healthCheck.intervalMs'],
    ['a health check timeout under 0.1 s', { healthCheck: tcp({ timeoutMs: 99 }) }, 'healthCheck.timeoutMs'],
    ['a health check timeout over 300 s', { healthCheck: tcp({ timeoutMs: 300_001 }) }, 'healthCheck.timeoutMs'],
    ['a failure threshold of 0', { healthCheck: tcp({ failureThreshold: 0 }) }, 'healthCheck.failureThreshold'],
    ['a failure threshold of 101', { healthCheck: tcp({ failureThreshold: 101 }) }, 'healthCheck.failureThreshold'],
    ['a fractional failure threshold', { healthCheck: tcp({ failureThreshold: 2.5 }) }, 'healthCheck.failureThreshold'],
    ['a success threshold of 0', { healthCheck: tcp({ successThreshold: 0 }) }, 'healthCheck.successThreshold'],
    ['a success threshold of 101', { healthCheck: tcp({ successThreshold: 101 }) }, 'healthCheck.successThreshold'],
    ['max_attempts -1', { restartPolicy: restart({ maxAttempts: -1 }) }, 'restartPolicy.maxAttempts'],
    ['max_attempts 1001', { restartPolicy: restart({ maxAttempts: 1_001 }) }, 'restartPolicy.maxAttempts'],
    ['a fractional max_attempts', { restartPolicy: restart({ maxAttempts: 1.5 }) }, 'restartPolicy.maxAttempts'],
    ['a negative initial delay', { restartPolicy: restart({ initialDelayMs: -1 }) }, 'restartPolicy.initialDelayMs'],
    ['an initial delay over 1 h', { restartPolicy: restart({ initialDelayMs: 3_600_001 }) }, 'restartPolicy.initialDelayMs'],
    ['a backoff multiplier under 1', { restartPolicy: restart({ backoffMultiplier: 0.5 }) }, 'restartPolicy.backoffMultiplier'],
    ['a backoff multiplier over 10', { restartPolicy: restart({ backoffMultiplier: 11 }) }, 'restartPolicy.backoffMultiplier'],
    ['a max delay under 1 s', { restartPolicy: restart({ maxDelayMs: 999 }) }, 'restartPolicy.maxDelayMs'],
    ['a max delay over a day', { restartPolicy: restart({ maxDelayMs: 86_400_001 }) }, 'restartPolicy.maxDelayMs'],
    ['a negative jitter', { restartPolicy: restart({ jitter: -0.1 }) }, 'restartPolicy.jitter'],
    ['a jitter over 1', { restartPolicy: restart({ jitter: 1.1 }) }, 'restartPolicy.jitter'],
    ['a connect timeout of 0', { connectTimeoutMs: 0 }, 'connectTimeoutMs'],
    ['a negative connect timeout', { connectTimeoutMs: -5 }, 'connectTimeoutMs'],
    ['a NaN connect timeout', { connectTimeoutMs: Number.NaN }, 'connectTimeoutMs'],
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
    expect(violations(kubectlInput({ localPort: 70_000 }))).toEqual([{ field: 'localPort', message: '70000 is not a port (1-65535)' }]);
    expect(violations(kubectlInput({ remotePort: Number.NaN }))).toEqual([{ field: 'remotePort', message: 'NaN is not a port (1-65535)' }]);
    expect(violations(kubectlInput({ healthCheck: tcp({ intervalMs: 500 }) }))).toEqual([
      { field: 'healthCheck.intervalMs', message: '500 is out of range (1000-3600000 ms)', value: 500, limit: { min: 1_000, max: 3_600_000, unit: 'ms' } },
    ]);
  });

  it('reports every violation at once, in an InvalidValueError', () => {
    const result = createService(
      kubectlInput({
        name: '',
        localPort: 0,
        remotePort: 99_999,
        kubeContext: '',
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
      'localPort',
      'remotePort',
      'kubeContext',
      'healthCheck.intervalMs',
      'healthCheck.failureThreshold',
      'restartPolicy.jitter',
      'connectTimeoutMs',
    ]);
    expect(error.message.split('; ')).toHaveLength(8);
    expect(error.message).toContain('localPort: 0 is not a port (1-65535)');
  });

  it('refuses a connection without a technology', () => {
    expect(violations(kubectlInput({ connection: { technology: '' } })).map((v) => v.field)).toEqual(['connection.technology']);
  });

  it('takes a null kube context as "not gated" and refuses an empty one', () => {
    expect(createService(kubectlInput({ kubeContext: null }))).toMatchObject({ ok: true, value: { kubeContext: null } });
    expect(violations(kubectlInput({ kubeContext: '' })).map((v) => v.field)).toEqual(['kubeContext']);
  });

  it('checks reset_after against its limit too', () => {
    expect(violations(kubectlInput({ restartPolicy: restart({ resetAfterMs: 86_400_001 }) })).map((v) => v.field)).toEqual(['restartPolicy.resetAfterMs']);
  });
});

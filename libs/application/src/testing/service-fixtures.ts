import { createService, DEFAULT_HEALTH_TIMING, DEFAULT_RESTART_POLICY, HealthCheckSpec, RestartPolicy, Service, ServiceInput, unwrap } from '@localport/domain';

/** A valid kubectl service for tests (gated by `context`, default `dev`); override any field. */
export function aKubectlService(overrides: Partial<ServiceInput> & { context?: string } = {}): Service {
  const { context, ...rest } = overrides;
  return unwrap(
    createService({
      name: 'db',
      localPort: 15432,
      remotePort: 5432,
      bindAddress: '127.0.0.1',
      connection: { technology: 'kubectl', resourceType: 'service', resourceName: 'postgres', namespace: 'default', context: context ?? 'dev' },
      target: 'service/postgres:5432',
      kubeContext: context ?? 'dev',
      healthCheck: aTcpCheck(),
      restartPolicy: aRestartPolicy(),
      tags: [],
      enabled: true,
      connectTimeoutMs: 10_000,
      ...rest,
    }),
  );
}

/** A valid ssh service for tests (no host gate unless `gateHost` is given); override any field. */
export function anSshService(overrides: Partial<ServiceInput> = {}): Service {
  return unwrap(
    createService({
      name: 'bastion-db',
      localPort: 25432,
      remotePort: 5432,
      bindAddress: '127.0.0.1',
      connection: { technology: 'ssh', host: 'bastion.example', port: 22, remoteHost: 'db.internal', strictHostKeyChecking: 'yes', options: {} },
      target: 'db.internal:5432 via bastion.example',
      kubeContext: null,
      healthCheck: aTcpCheck(),
      restartPolicy: aRestartPolicy(),
      tags: [],
      enabled: true,
      connectTimeoutMs: 10_000,
      ...overrides,
    }),
  );
}

export const aTcpCheck = (overrides: Partial<HealthCheckSpec> = {}): HealthCheckSpec => ({ type: 'tcp', ...DEFAULT_HEALTH_TIMING, ...overrides }) as HealthCheckSpec;
export const aRestartPolicy = (overrides: Partial<RestartPolicy> = {}): RestartPolicy => ({ ...DEFAULT_RESTART_POLICY, jitter: 0, ...overrides });

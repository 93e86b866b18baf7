import { DEFAULT_CLUSTER_HEALTH, ClusterHealthSettings } from '../cluster/cluster-health-settings';
import { DEFAULT_HEALTH_TIMING } from '../service/health-check-spec';
import { DEFAULT_RESTART_POLICY } from '../service/restart-policy';
import { createService, Service } from '../service/service';
import { unwrap } from '../shared/result';
import { clusterHealthFor, emptyConfig, findService, LocalportConfig } from './localport-config';

const svc = (name: string, localPort: number): Service =>
  unwrap(
    createService({
      name, localPort, remotePort: 80, bindAddress: '127.0.0.1',
      connection: { technology: 'kubectl', resourceType: 'deployment', resourceName: name, namespace: 'default' },
      target: `deployment/${name}:80`, kubeContext: 'dev',
      healthCheck: { type: 'tcp', ...DEFAULT_HEALTH_TIMING }, restartPolicy: DEFAULT_RESTART_POLICY, tags: [], enabled: true, connectTimeoutMs: 5_000,
    }),
  );

const prodHealth: ClusterHealthSettings = { ...DEFAULT_CLUSTER_HEALTH, intervalMs: 60_000, failureThreshold: 5 };
const config = (): LocalportConfig => ({
  version: '1.0',
  services: [svc('api', 18080), svc('web', 18081)],
  clusterHealth: { defaults: { ...DEFAULT_CLUSTER_HEALTH, timeoutMs: 10_000 }, contexts: { prod: prodHealth } },
});

describe(emptyConfig.name, () => {
  it('has no services and the default cluster-health settings', () => {
    expect(emptyConfig()).toEqual({ version: '1.0', services: [], clusterHealth: { defaults: DEFAULT_CLUSTER_HEALTH, contexts: {} } });
  });

  it('uses LocalPort defaults for cluster health: every 4 min, 30 s timeout, unhealthy after 3 failures', () => {
    expect(DEFAULT_CLUSTER_HEALTH).toMatchObject({ enabled: true, intervalMs: 240_000, timeoutMs: 30_000, retryAttempts: 2, failureThreshold: 3, provider: 'kubectl' });
  });
});

describe(clusterHealthFor.name, () => {
  it('returns a context override', () => {
    expect(clusterHealthFor(config(), 'prod')).toBe(prodHealth);
  });

  it('falls back to the defaults for other contexts', () => {
    expect(clusterHealthFor(config(), 'dev')).toEqual({ ...DEFAULT_CLUSTER_HEALTH, timeoutMs: 10_000 });
  });

  it.each([['constructor'], ['toString'], ['__proto__'], ['hasOwnProperty']])('falls back to the defaults for a context named %p', (context) => {
    expect(clusterHealthFor(config(), context)).toEqual({ ...DEFAULT_CLUSTER_HEALTH, timeoutMs: 10_000 });
  });

  it('falls back to the built-in defaults in an empty config', () => {
    expect(clusterHealthFor(emptyConfig(), 'anything')).toBe(DEFAULT_CLUSTER_HEALTH);
  });
});

describe(findService.name, () => {
  it('finds a service by name', () => {
    expect(findService(config(), 'web')).toMatchObject({ name: 'web', localPort: 18081 });
  });

  it.each([['missing'], ['API'], ['']])('returns undefined for %p', (name) => {
    expect(findService(config(), name)).toBeUndefined();
  });
});

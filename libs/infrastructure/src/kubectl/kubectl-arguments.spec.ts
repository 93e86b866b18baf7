import { portForwardArguments } from './kubectl-arguments';
import { KubectlConnection } from './kubectl-connection';
import { kubectlTechnology } from './kubectl.technology';

const connection = (overrides: Partial<KubectlConnection> = {}): KubectlConnection => ({
  technology: 'kubectl', resourceType: 'service', resourceName: 'postgres', namespace: 'default', ...overrides,
});

describe(portForwardArguments.name, () => {
  it('ends option parsing (--) before the resource and port, whatever the names hold', () => {
    const args = portForwardArguments(connection({ resourceName: '--kubeconfig=/tmp/evil', context: 'dev' }), 5432);
    expect(args).toEqual(['port-forward', '--address', '127.0.0.1', '--namespace=default', '--context=dev', '--', 'service/--kubeconfig=/tmp/evil', ':5432']);
  });

  it('leaves the context to kubectl when the connection names none', () => {
    expect(portForwardArguments(connection(), 80)).not.toContain('--context=');
  });
});

describe('the kubectl technology', () => {
  it.each<[string, Partial<KubectlConnection>, number, string]>([
    ['a service', {}, 5432, 'service/postgres:5432'],
    ['a pod in another context', { resourceType: 'pod', resourceName: 'redis-0', context: 'prod' }, 6379, 'pod/redis-0:6379'],
    ['a deployment', { resourceType: 'deployment', resourceName: 'api' }, 8080, 'deployment/api:8080'],
  ])('describes %s', (_what, overrides, remotePort, expected) => {
    expect(kubectlTechnology.describeTarget(connection(overrides), remotePort)).toBe(expected);
  });

  it('is gated by the context it names, or (undefined) by the current one', () => {
    expect(kubectlTechnology.kubeContext?.(connection({ context: 'prod' }))).toBe('prod');
    expect(kubectlTechnology.kubeContext?.(connection())).toBeUndefined();
  });

  it('renders a connection back to the shape it was read from', () => {
    const c = connection({ context: 'prod', forwarder: 'kubectl' });
    expect(kubectlTechnology.toConnection(kubectlTechnology.render(c) as never, { file: 'lp.yaml', homedir: '/', remotePort: 1, warn: () => undefined })).toEqual(c);
  });
});

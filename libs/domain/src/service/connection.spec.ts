import { describeTarget, KubectlConnection, SshConnection } from './connection';
import { PortNumber } from './port-number';

const kubectl = (overrides: Partial<KubectlConnection> = {}): KubectlConnection => ({
  technology: 'kubectl', resourceType: 'service', resourceName: 'postgres', namespace: 'default', ...overrides,
});
const ssh = (overrides: Partial<SshConnection> = {}): SshConnection => ({
  technology: 'ssh', host: 'bastion.example', port: 22 as PortNumber, remoteHost: 'localhost', strictHostKeyChecking: 'yes', options: {}, ...overrides,
});

describe(describeTarget.name, () => {
  it.each<[string, KubectlConnection | SshConnection, number, string]>([
    ['a kubectl service', kubectl(), 5432, 'service/postgres:5432'],
    ['a kubectl pod in another context', kubectl({ resourceType: 'pod', resourceName: 'redis-0', context: 'prod' }), 6379, 'pod/redis-0:6379'],
    ['a kubectl deployment', kubectl({ resourceType: 'deployment', resourceName: 'api' }), 8080, 'deployment/api:8080'],
    ['an ssh host itself (remote host localhost)', ssh(), 5432, 'bastion.example:5432'],
    ['an ssh host itself (remote host 127.0.0.1)', ssh({ host: 'db.example', remoteHost: '127.0.0.1' }), 3306, 'db.example:3306'],
    ['a host behind an ssh bastion', ssh({ remoteHost: 'db.internal' }), 5432, 'db.internal:5432 via bastion.example'],
  ])('describes %s', (_name, connection, remotePort, expected) => {
    expect(describeTarget(connection, remotePort)).toBe(expected);
  });
});

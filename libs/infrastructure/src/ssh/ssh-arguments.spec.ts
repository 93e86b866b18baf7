import { PortNumber } from '@localport/domain';
import { sshTunnelArguments } from './ssh-arguments';
import { SshConnection } from './ssh-connection';
import { sshTechnology } from './ssh.technology';

const connection = (overrides: Partial<SshConnection> = {}): SshConnection => ({
  technology: 'ssh', host: 'bastion.example', port: 22 as PortNumber, remoteHost: 'localhost', strictHostKeyChecking: 'yes', options: {}, ...overrides,
});

describe(sshTunnelArguments.name, () => {
  it('ends option parsing (--) right before the destination, so a host or user is never read as an option', () => {
    const args = sshTunnelArguments(connection({ host: '-oProxyCommand=x', user: 'deploy' }), 5432, '/run/t.sock');
    expect(args.slice(-2)).toEqual(['--', 'deploy@-oProxyCommand=x']);
    expect(args.filter((a) => a === '--')).toHaveLength(1);
  });
});

describe('the ssh technology', () => {
  it.each<[string, Partial<SshConnection>, number, string]>([
    ['the ssh host itself (remote host localhost)', {}, 5432, 'bastion.example:5432'],
    ['the ssh host itself (remote host 127.0.0.1)', { host: 'db.example', remoteHost: '127.0.0.1' }, 3306, 'db.example:3306'],
    ['a host behind an ssh bastion', { remoteHost: 'db.internal' }, 5432, 'db.internal:5432 via bastion.example'],
  ])('describes %s', (_what, overrides, remotePort, expected) => {
    expect(sshTechnology.describeTarget(connection(overrides), remotePort)).toBe(expected);
  });

  it('is not gated by any cluster', () => {
    expect(sshTechnology.kubeContext).toBeUndefined();
  });
});

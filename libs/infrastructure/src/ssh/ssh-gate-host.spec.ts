import { PortNumber } from '@localport/domain';
import { SshConnection } from './ssh-connection';
import { parseJumpHop, sshGateHost } from './ssh-gate-host';

const ssh = (options: Record<string, string> = {}, host = 'db.example', port = 2222): SshConnection =>
  ({ technology: 'ssh', host, port: port as PortNumber, remoteHost: 'localhost', strictHostKeyChecking: 'yes', options });

describe(sshGateHost.name, () => {
  it.each([
    ['the ssh server itself', ssh(), 'db.example:2222'],
    ['an IPv6 server in brackets', ssh({}, '::1', 22), '[::1]:22'],
    ['the first ProxyJump hop (default port 22)', ssh({ ProxyJump: 'ops@bastion.example,inner.example:2200' }), 'bastion.example:22'],
    ['a hop with a port, any key case', ssh({ proxyjump: 'bastion.example:2022' }), 'bastion.example:2022'],
    ['an ssh:// hop with an IPv6 address', ssh({ ProxyJump: 'ssh://me@[::1]:2022' }), '[::1]:2022'],
    ['ProxyJump none: the server', ssh({ ProxyJump: 'none' }), 'db.example:2222'],
    ['a ProxyCommand: the first hop is unknown, nothing gates', ssh({ ProxyCommand: 'nc -X 5 -x proxy:1080 %h %p' }), undefined],
    ['an unreadable hop: nothing gates rather than a wrong host', ssh({ ProxyJump: 'bastion:notaport' }), undefined],
  ])('%s', (_name, connection, expected) => {
    expect(sshGateHost(connection)).toBe(expected);
  });

  it('reads hops as ssh writes them', () => {
    expect(parseJumpHop('u@h:70000')).toBeNull();
    expect(parseJumpHop(' h ')).toEqual({ host: 'h' });
  });
});

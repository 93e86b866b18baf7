import { explainSshExit } from './ssh-exit';

const exit255 = { code: 255, signal: null };

describe(explainSshExit.name, () => {
  it.each([
    ['Host key verification failed.', 'TUNNEL.HOST_KEY', true],
    ['@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @', 'TUNNEL.HOST_KEY', true],
    ['No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict checking.', 'TUNNEL.HOST_KEY', true],
    ['root@127.0.0.1: Permission denied (publickey).', 'TUNNEL.AUTH', true],
    ['Received disconnect from 127.0.0.1 port 22:2: Too many authentication failures', 'TUNNEL.AUTH', true],
    ['ssh: Could not resolve hostname nowhere.invalid: Name or service not known', 'TUNNEL.UNREACHABLE', false],
    ['ssh: connect to host 127.0.0.1 port 1: Connection refused', 'TUNNEL.UNREACHABLE', false],
    ['ssh: connect to host 10.1.1.1 port 22: Connection timed out', 'TUNNEL.UNREACHABLE', false],
    ['Connection timed out during banner exchange', 'TUNNEL.UNREACHABLE', false],
    ['Connection to 127.0.0.1 closed by remote host.', 'TUNNEL.LOST_CONNECTION', false],
    ['Timeout, server 127.0.0.1 not responding.', 'TUNNEL.LOST_CONNECTION', false],
    ['Error: remote port forwarding failed for listen port 80', 'TUNNEL.EXITED', false],
    ['unix_listener: cannot bind to path /run/x.sock: Permission denied', 'TUNNEL.EXITED', false],
  ] as const)('%s -> %s', (line, code, permanent) => {
    expect(explainSshExit([line], exit255)).toMatchObject({ code, permanent });
  });

  it('ignores per-connection channel failures, which do not end a tunnel', () => {
    const lines = ['channel 2: open failed: connect failed: Connection refused', 'Connection to 127.0.0.1 closed by remote host.'];
    expect(explainSshExit(lines, exit255).code).toBe('TUNNEL.LOST_CONNECTION');
  });

  it('names a missing ssh program as TUNNEL.BINARY_MISSING and keeps the cause', () => {
    const enoent = Object.assign(new Error('spawn ssh ENOENT'), { code: 'ENOENT' });
    const error = explainSshExit([], { code: null, signal: null, error: enoent });
    expect(error).toMatchObject({ code: 'TUNNEL.BINARY_MISSING', permanent: true, cause: enoent });
  });

  it('falls back to the exit status and the last line', () => {
    expect(explainSshExit(['', 'something odd', ''], { code: 3, signal: null }).message).toBe('ssh exited with code 3: something odd');
    expect(explainSshExit([], { code: null, signal: 'SIGKILL' }).message).toBe('ssh was killed by SIGKILL');
  });
});

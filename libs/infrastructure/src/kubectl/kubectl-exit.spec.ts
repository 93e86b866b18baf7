import { explainKubectlExit } from './kubectl-exit';

const exit1 = { code: 1, signal: null };

describe(explainKubectlExit.name, () => {
  it.each([
    ['error: You must be logged in to the server (Unauthorized)', 'TUNNEL.AUTH', true],
    ['Error from server (Forbidden): pods "web-0" is forbidden: User "dev" cannot get resource "pods"', 'TUNNEL.AUTH', true],
    ['error: You must be logged in to the server (the server has asked for the client to provide credentials)', 'TUNNEL.AUTH', true],
    ['error: unable to forward port because pod is not running. Current status=Pending', 'TUNNEL.POD_NOT_RUNNING', false],
    ['error: lost connection to pod', 'TUNNEL.LOST_CONNECTION', false],
    ['The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?', 'TUNNEL.UNREACHABLE', false],
    ['Unable to connect to the server: dial tcp: lookup api.example.invalid: no such host', 'TUNNEL.UNREACHABLE', false],
    ['Unable to connect to the server: net/http: TLS handshake timeout', 'TUNNEL.UNREACHABLE', false],
    ['Unable to connect to the server: dial tcp 10.0.0.1:6443: i/o timeout', 'TUNNEL.UNREACHABLE', false],
    ['Error from server (NotFound): pods "nope-0" not found', 'TUNNEL.NOT_FOUND', false],
    ['error: context "staging" does not exist', 'TUNNEL.NOT_FOUND', false],
    ['Error from server (NotFound): services "db" not found', 'TUNNEL.NOT_FOUND', false],
    ['Error from server (NotFound): pods "forbidden-unauthorized-0" not found', 'TUNNEL.NOT_FOUND', false],
  ] as const)('%s -> %s', (line, code, permanent) => {
    expect(explainKubectlExit([line], exit1)).toMatchObject({ code, permanent, message: `kubectl: ${line}` });
  });

  it('prefers lost connection over the per-connection error that preceded it', () => {
    const lines = [
      'Forwarding from 127.0.0.1:40001 -> 80',
      'Handling connection for 40001',
      'E0101 00:00:00.000000 1 portforward.go:424] "Unhandled Error" err="an error occurred forwarding 40001 -> 80: error forwarding port 80 to pod web-0: dial tcp4 127.0.0.1:80: connect: connection refused"',
      'error: lost connection to pod',
    ];
    expect(explainKubectlExit(lines, exit1).code).toBe('TUNNEL.LOST_CONNECTION');
  });

  it('says nothing listens in the pod when the kubelet refused the connection before kubectl lost it', () => {
    const lines = [
      'Handling connection for 40001',
      'E1203 23:00:00.000000 1 portforward.go:424] "Unhandled Error" err="an error occurred forwarding 40001 -> 8080: error forwarding port 8080 to pod 1f2e, uid : failed to execute portforward in network namespace \\"/var/run/netns/cni-1f2e\\": failed to connect to localhost:8080 inside namespace \\"1f2e\\", IPv4: dial tcp4 127.0.0.1:8080: connect: connection refused IPv6 dial tcp6 [::1]:8080: connect: connection refused "',
      'error: lost connection to pod',
    ];
    expect(explainKubectlExit(lines, exit1)).toMatchObject({
      code: 'TUNNEL.LOST_CONNECTION',
      permanent: false,
      message: 'kubectl: nothing is listening on port 8080 inside the pod (it refused the connection) (POD.NOTHING_LISTENING); kubectl then lost its connection to the pod',
    });
  });

  it('names a missing kubectl as TUNNEL.BINARY_MISSING and keeps the cause', () => {
    const enoent = Object.assign(new Error('spawn kubectl ENOENT'), { code: 'ENOENT' });
    expect(explainKubectlExit([], { code: null, signal: null, error: enoent })).toMatchObject({ code: 'TUNNEL.BINARY_MISSING', permanent: true, cause: enoent });
  });

  it('falls back to TUNNEL.EXITED with the last meaningful line, skipping connection chatter', () => {
    const error = explainKubectlExit(['something unexpected', 'Handling connection for 40001', ''], { code: 2, signal: null });
    expect(error).toMatchObject({ code: 'TUNNEL.EXITED', message: 'kubectl exited with code 2: something unexpected' });
  });
});

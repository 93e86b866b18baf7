import { classifyKubectlFailure, firstMeaningfulLine } from './kubectl-stderr';

// Recorded from kubectl 1.27-1.33 against a stopped, hung or unhappy API server.
const REFUSED =
  'E1128 03:57:12.552163   41234 memcache.go:265] couldn\'t get current server API group list: Get "http://127.0.0.1:39477/api?timeout=32s": dial tcp 127.0.0.1:39477: connect: connection refused\n' +
  'The connection to the server 127.0.0.1:39477 was refused - did you specify the right host or port?\n';

describe('kubectl stderr', () => {
  it.each([
    [REFUSED, 'The connection to the server 127.0.0.1:39477 was refused', 'CLUSTER.UNREACHABLE'],
    ['Unable to connect to the server: context deadline exceeded (Client.Timeout exceeded while awaiting headers)\n', 'Unable to connect to the server: context deadline exceeded (Client.Timeout exceeded while awaiting headers)', 'CLUSTER.TIMEOUT'],
    ['Unable to connect to the server: dial tcp: lookup nowhere.invalid: no such host\n', 'Unable to connect to the server: dial tcp: lookup nowhere.invalid: no such host', 'CLUSTER.UNREACHABLE'],
    ['Error from server (NotFound): the server could not find the requested resource\n', 'Error from server (NotFound): the server could not find the requested resource', 'CLUSTER.NOT_FOUND'],
    ['Error from server (Forbidden): nodes is forbidden: User "dev" cannot list resource "nodes" in API group "" at the cluster scope\n', 'Error from server (Forbidden): nodes is forbidden: User "dev" cannot list resource "nodes" in API group "" at the cluster scope', 'CLUSTER.REQUEST_FAILED'],
    ['Error from server (InternalError): an error on the server ("[-]etcd failed: reason withheld\\nreadyz check failed") has prevented the request from succeeding\n', 'Error from server (InternalError): an error on the server ("[-]etcd failed: reason withheld\\nreadyz check failed") has prevented the request from succeeding', 'CLUSTER.REQUEST_FAILED'],
    ['Unable to connect to the server: tls: failed to verify certificate: x509: certificate signed by unknown authority\n', 'Unable to connect to the server: tls: failed to verify certificate: x509: certificate signed by unknown authority', 'CLUSTER.REQUEST_FAILED'],
    ['Warning: v1 ComponentStatus is deprecated in v1.19+\nerror: context "nope" does not exist\n', 'error: context "nope" does not exist', 'CLUSTER.REQUEST_FAILED'],
  ])('%j -> %s (%s)', (stderr, line, code) => {
    expect(firstMeaningfulLine(stderr)).toBe(line);
    const e = classifyKubectlFailure(1, stderr);
    expect(e.message).toBe(line);
    expect(e.code).toBe(code);
    expect(e.retryable).toBe(code === 'CLUSTER.UNREACHABLE' || code === 'CLUSTER.TIMEOUT');
  });

  it('falls back to the last klog message, then to the exit code', () => {
    expect(firstMeaningfulLine('E1128 03:57:12.552163   41234 round_trippers.go:1] boom\n')).toBe('boom');
    expect(classifyKubectlFailure(3, '').message).toBe('kubectl exited with code 3');
  });
});

import { formatHostPort, gateOf, parseHostPort, waitingStateOf } from './service-gate';

describe(gateOf.name, () => {
  it.each([
    ['a kube context gates by its cluster', { kubeContext: 'dev' }, { kind: 'cluster', key: 'dev' }],
    ['a host gates by host:port', { kubeContext: null, gateHost: 'bastion:22' }, { kind: 'host', key: 'bastion:22' }],
    ['nothing gates a plain tcp service', { kubeContext: null }, null],
  ] as const)('%s', (_name, service, expected) => {
    expect(gateOf(service)).toEqual(expected);
  });

  it('names the state a closed gate shows', () => {
    expect([waitingStateOf('cluster'), waitingStateOf('host')]).toEqual(['waiting-for-cluster', 'waiting-for-host']);
  });

  it.each([
    ['127.0.0.1', 22, '127.0.0.1:22'],
    ['::1', 2222, '[::1]:2222'],
    ['bastion.example', 443, 'bastion.example:443'],
  ])('writes %s port %d as %s and reads it back', (host, port, key) => {
    expect(formatHostPort(host, port)).toBe(key);
    expect(parseHostPort(key)).toEqual({ host, port });
  });

  it.each(['bastion', ':22', 'h:0', 'h:70000', 'h:x'])('refuses %s', (key) => {
    expect(parseHostPort(key)).toBeNull();
  });
});

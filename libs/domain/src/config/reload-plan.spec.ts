import { DEFAULT_HEALTH_TIMING } from '../service/health-check-spec';
import { Connection } from '../service/connection';
import { DEFAULT_RESTART_POLICY } from '../service/restart-policy';
import { createService, Service, ServiceInput } from '../service/service';
import { unwrap } from '../shared/result';
import { deepEqual, planReload, ReloadAction } from './reload-plan';

let nextPort = 20_000;
const svc = (name: string, overrides: Partial<ServiceInput> = {}): Service =>
  unwrap(
    createService({
      name,
      localPort: nextPort++,
      remotePort: 5432,
      bindAddress: '127.0.0.1',
      connection: { technology: 'kubectl', resourceType: 'service', resourceName: name, namespace: 'default', context: 'dev' },
      target: `service/${name}:5432`,
      kubeContext: 'dev',
      healthCheck: { type: 'tcp', ...DEFAULT_HEALTH_TIMING },
      restartPolicy: DEFAULT_RESTART_POLICY,
      tags: ['db'],
      enabled: true,
      connectTimeoutMs: 10_000,
      ...overrides,
    }),
  );
/** The same service with some fields changed, rebuilt through the factory like a reload would. */
const changed = (s: Service, overrides: Partial<ServiceInput>): Service => unwrap(createService({ ...s, ...overrides }));
/** An action reduced to what a table can show. */
const brief = (a: ReloadAction): string => {
  switch (a.kind) {
    case 'stop':
      return `stop ${a.name} (${a.reason})`;
    case 'restart':
    case 'rearm':
      return `${a.kind} ${a.service.name} [${a.changed.join(', ')}]`;
    default:
      return `${a.kind} ${a.service.name}`;
  }
};

describe(planReload.name, () => {
  const db = svc('db');
  const ssh = svc('bastion', {
    connection: { technology: 'ssh', host: 'bastion.example', port: 22, remoteHost: 'db.internal', strictHostKeyChecking: 'yes', options: {} },
    target: 'db.internal:5432 via bastion.example',
    kubeContext: null,
  });

  it.each<[string, Service[], Service[], string[]]>([
    ['nothing configured', [], [], []],
    ['an added service', [], [db], ['start db']],
    ['a removed service', [db], [], ['stop db (removed)']],
    ['an untouched service', [db], [db], ['keep db']],
    ['an equal copy of a service', [db], [changed(db, {})], ['keep db']],
    ['a service being disabled', [db], [changed(db, { enabled: false })], ['stop db (disabled)']],
    ['a disabled service being enabled', [changed(db, { enabled: false })], [db], ['start db']],
    ['a disabled service staying disabled', [changed(db, { enabled: false })], [changed(db, { enabled: false, tags: ['x'] })], ['keep db']],
    ['a new service that is disabled', [], [changed(db, { enabled: false })], ['keep db']],
    ['a service disabled while its port changes', [db], [changed(db, { enabled: false, localPort: 30_001 })], ['stop db (disabled)']],
    ['a service enabled while its port changes', [changed(db, { enabled: false })], [changed(db, { localPort: 30_001 })], ['start db']],
    ['a changed local port', [db], [changed(db, { localPort: 30_001 })], ['restart db [localPort]']],
    ['a changed remote port', [db], [changed(db, { remotePort: 6543 })], ['restart db [remotePort]']],
    ['a changed bind address', [db], [changed(db, { bindAddress: '0.0.0.0' })], ['restart db [bindAddress]']],
    [
      'a changed namespace',
      [db],
      [changed(db, { connection: { technology: 'kubectl', resourceType: 'service', resourceName: 'db', namespace: 'prod', context: 'dev' } })],
      ['restart db [connection]'],
    ],
    [
      'a kube context resolved to another name (the kubeconfig switched its current context)',
      [db],
      [changed(db, { kubeContext: 'staging' })],
      ['restart db [kubeContext]'],
    ],
    [
      'a changed ssh option',
      [ssh],
      [changed(ssh, { connection: { ...(ssh.connection as Connection), options: { ServerAliveInterval: '15' } } })],
      ['restart bastion [connection]'],
    ],
    ['a changed technology', [db], [changed(ssh, { name: 'db', localPort: db.localPort })], ['restart db [technology, connection, kubeContext]']],
    ['a changed health check interval', [db], [changed(db, { healthCheck: { type: 'tcp', ...DEFAULT_HEALTH_TIMING, intervalMs: 10_000 } })], ['rearm db [healthCheck]']],
    [
      'a changed health check type',
      [db],
      [changed(db, { healthCheck: { type: 'kafka', ...DEFAULT_HEALTH_TIMING, bootstrapServers: [] } })],
      ['rearm db [healthCheck]'],
    ],
    ['a changed restart policy', [db], [changed(db, { restartPolicy: { ...DEFAULT_RESTART_POLICY, maxAttempts: 5 } })], ['rearm db [restartPolicy]']],
    ['changed tags', [db], [changed(db, { tags: ['db', 'prod'] })], ['rearm db [tags]']],
    ['reordered tags', [changed(db, { tags: ['a', 'b'] })], [changed(db, { tags: ['b', 'a'] })], ['rearm db [tags]']],
    ['an added description', [db], [changed(db, { description: 'the database' })], ['rearm db [description]']],
    ['a changed connect timeout', [db], [changed(db, { connectTimeoutMs: 2_000 })], ['restart db [connectTimeoutMs]']],
    [
      'a port and a health check changed together',
      [db],
      [changed(db, { remotePort: 6543, tags: [], healthCheck: { type: 'tcp', ...DEFAULT_HEALTH_TIMING, timeoutMs: 1_000 } })],
      ['restart db [remotePort, healthCheck, tags]'],
    ],
    ['a renamed service', [db], [changed(db, { name: 'db2' })], ['stop db (removed)', 'start db2']],
  ])('plans %s', (_name, previous, next, expected) => {
    expect(planReload(previous, next).map(brief)).toEqual(expected);
  });

  it('plans a mix: removals first, then each service of the new config in its order', () => {
    const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((n) => svc(n));
    const previous = [a, b, c, d, e];
    const next = [changed(e, { enabled: false }), svc('f'), changed(c, { localPort: 31_000 }), a, changed(d, { tags: [] })];
    expect(planReload(previous, next).map(brief)).toEqual([
      'stop b (removed)',
      'stop e (disabled)',
      'start f',
      'restart c [localPort]',
      'keep a',
      'rearm d [tags]',
    ]);
  });

  it('carries the new service value in start, restart, rearm and keep', () => {
    const next = changed(db, { localPort: 31_500 });
    const [action] = planReload([db], [next]);
    expect(action).toEqual({ kind: 'restart', service: next, changed: ['localPort'] });
    expect(planReload([db], [db])).toEqual([{ kind: 'keep', service: db }]);
  });
});

describe(deepEqual.name, () => {
  it.each<[string, unknown, unknown, boolean]>([
    ['equal primitives', 5, 5, true],
    ['different primitives', 5, 6, false],
    ['a number and its string', 5, '5', false],
    ['null and null', null, null, true],
    ['null and an empty object', null, {}, false],
    ['undefined and null', undefined, null, false],
    ['empty objects', {}, {}, true],
    ['objects with keys in another order', { a: 1, b: 2 }, { b: 2, a: 1 }, true],
    ['a key set to undefined and a missing key', { a: 1, b: undefined }, { a: 1 }, true],
    ['undefined keys on both sides under different names', { a: 1, b: undefined }, { a: 1, c: undefined }, true],
    ['same key count, different keys', { a: 1 }, { b: 1 }, false],
    ['an extra key', { a: 1 }, { a: 1, b: 2 }, false],
    ['a different nested value', { a: { b: [1, 2] } }, { a: { b: [1, 3] } }, false],
    ['equal nested values', { a: { b: [1, { c: 'x' }] } }, { a: { b: [1, { c: 'x' }] } }, true],
    ['an empty array and an empty object', [], {}, false],
    ['an array and an object with index keys', ['a'], { 0: 'a' }, false],
    ['arrays in another order', [1, 2], [2, 1], false],
    ['arrays of different length', [1, 2], [1, 2, 3], false],
    ['an object and a primitive', { a: 1 }, 1, false],
  ])('%s -> %s', (_name, a, b, equal) => {
    expect(deepEqual(a, b)).toBe(equal);
    expect(deepEqual(b, a)).toBe(equal);
  });
});

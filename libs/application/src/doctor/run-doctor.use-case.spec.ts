import { emptyConfig, err, ok, Service } from '@localport/domain';
import { ConfigError } from '../ports/config-source.port';
import { aKubectlService, anSshService, aTcpCheck, FakeHealthProber } from '../testing';
import { DoctorProbes, RunDoctor } from './run-doctor.use-case';
import { KubectlDiagnostics, PortHolder, SshDiagnostics } from './doctor-probes.port';
import { DoctorDeclarations } from './doctor-targets';

/** What the real technologies and health-check types declare (their registry builds this in infrastructure). */
const declared: DoctorDeclarations = {
  targetsOf: (s) => {
    const c = s.connection as unknown as { namespace: string; host: string; port: number };
    if (s.technology === 'kubectl') return [{ check: 'kubectl', namespace: c.namespace, ...(s.name.startsWith('native') ? { needsBinary: false } : {}) }];
    if (s.technology === 'ssh') return [{ check: 'ssh', connection: s.connection as never }];
    return s.technology === 'tcp' ? [{ check: 'reachable', host: c.host, port: c.port }] : [];
  },
  credentialsOf: (h, host, port) => (h.type === 'postgres' && h.user ? { fields: 'user, password, database', tryWith: `psql -h ${host} -p ${port}` } : undefined),
};
const aTcpService = (name: string, localPort: number, port: number) =>
  anSshService({ name, localPort, connection: { technology: 'tcp', host: 'db.vpn.example', port } as never, target: `db.vpn.example:${port}` });

const v = (minor: number) => ({ major: 1, minor, text: `1.${minor}.0` });

function probes(over: { noKubectl?: boolean; server?: number; holders?: Record<number, PortHolder>; running?: string[]; daemonPid?: number | null } = {}) {
  const prober = new FakeHealthProber();
  const kubectl: KubectlDiagnostics = {
    clientVersion: async () => (over.noKubectl ? err({ code: 'X', message: 'kubectl: not found on PATH' }) : ok(v(32))),
    serverVersion: async (c) => (c === 'gone' ? err({ code: 'X', message: 'error: context "gone" does not exist' }) : ok(v(over.server ?? 32))),
    canListPods: async () => ok(undefined),
  };
  const ssh: SshDiagnostics = {
    version: async () => ok('OpenSSH_9.2p1'),
    resolve: async (c) => ok({ hostname: c.host, port: c.port, user: 'me', identityFiles: [], knownHostsFiles: ['/home/me/.ssh/known_hosts'], strictHostKeyChecking: c.strictHostKeyChecking }),
    lookup: async () => ok('10.0.0.1'),
    knownHostKey: async () => null,
    checkKeyFile: async () => ok(undefined),
  };
  const p: DoctorProbes = {
    declared, kubectl, ssh, prober,
    ports: { holder: async (port) => over.holders?.[port] ?? { free: true } },
    daemon: { inspect: async () => ({ running: over.daemonPid != null, pid: over.daemonPid ?? null, socketPath: '/run/lp/daemon.sock', socketMode: 0o600, dirMode: 0o700 }) },
    runningServices: async () => new Set(over.running ?? []),
  };
  return { p, prober };
}

const loaded = (services: Service[]) => ok({ path: '/home/me/localport.yaml', config: { ...emptyConfig(), services } });
const byId = (r: { checks: readonly { id: string }[] }, id: string) => r.checks.find((c) => c.id === id);

describe(RunDoctor.name, () => {
  it('fails on an invalid config, lists its problems and how to fix them, and still checks the daemon', async () => {
    const invalid = err(new ConfigError('CONFIG.INVALID', 'the configuration is invalid', [{ file: '/x.yaml', line: 3, service: 'services[0] "db"', field: 'local_port', message: '70000 is not a port' }]));
    const r = await new RunDoctor(probes().p).execute(invalid);
    expect(r.ok).toBe(false);
    expect(r.checks.map((c) => `${c.id} ${c.status}`)).toEqual(['config fail', 'daemon warn']);
    expect(r.checks[0]).toMatchObject({ detail: expect.stringContaining('/x.yaml:3: services[0] "db": local_port 70000 is not a port'), fix: expect.stringContaining('config validate') });
  });

  it('warns past the supported kubectl skew and fails an unknown context with a fix naming its services', async () => {
    const r = await new RunDoctor(probes({ server: 29 }).p).execute(loaded([aKubectlService({ name: 'a', context: 'dev' }), aKubectlService({ name: 'b', context: 'gone', localPort: 15433 })]));
    expect(byId(r, 'kubectl.context:dev:version')).toMatchObject({ status: 'warn', detail: expect.stringContaining('3 minor versions apart') });
    expect(byId(r, 'kubectl.context:gone')).toMatchObject({ status: 'fail', fix: expect.stringMatching(/get-contexts.*connection\.context of b/) });
    expect(r.ok).toBe(false);
  });

  it('fails a missing kubectl only when a service runs it; natively forwarded services get a warning', async () => {
    const nativeOnly = await new RunDoctor(probes({ noKubectl: true }).p).execute(loaded([aKubectlService({ name: 'native-a' })]));
    expect(byId(nativeOnly, 'kubectl.present')).toMatchObject({ status: 'warn', detail: expect.stringContaining('do not need it') });
    const mixed = await new RunDoctor(probes({ noKubectl: true }).p).execute(loaded([aKubectlService({ name: 'native-a' }), aKubectlService({ name: 'b', localPort: 15433 })]));
    expect(byId(mixed, 'kubectl.present')).toMatchObject({ status: 'fail' });
  });

  it('passes a port the daemon holds, fails one another process holds, naming it', async () => {
    const holders = { 15432: { free: false, pid: 77, command: 'localport-daemon' }, 15433: { free: false, pid: 99, command: 'python3 -m http.server 15433' } } as const;
    const r = await new RunDoctor(probes({ holders, daemonPid: 77 }).p).execute(loaded([aKubectlService({ name: 'a' }), aKubectlService({ name: 'b', localPort: 15433 })]));
    expect(byId(r, 'port:a')).toMatchObject({ status: 'pass', detail: expect.stringContaining('daemon') });
    expect(byId(r, 'port:b')).toMatchObject({ status: 'fail', detail: 'in use by pid 99 (python3 -m http.server 15433)', fix: expect.stringContaining('change local_port of b in /home/me/localport.yaml') });
  });

  it('fails an unknown host key under strict checking, warns under accept-new', async () => {
    const r = await new RunDoctor(probes().p).execute(loaded([anSshService({ name: 's1' }), anSshService({ name: 's2', localPort: 25433, connection: { ...anSshService().connection, strictHostKeyChecking: 'accept-new' } as never })]));
    expect(byId(r, 'ssh.host-key:s1')).toMatchObject({ status: 'fail', fix: expect.stringContaining('ssh-keyscan -p 22 bastion.example >> /home/me/.ssh/known_hosts') });
    expect(byId(r, 'ssh.host-key:s2')).toMatchObject({ status: 'warn' });
  });

  it('tries credentials only through running services; the others are skipped, saying why', async () => {
    const pg = aTcpCheck({ type: 'postgres', user: 'app', password: 'pw' } as never);
    const t = probes({ running: ['up'] });
    t.prober.setHealthy(15432, false, 'password authentication failed for user "app"');
    const r = await new RunDoctor(t.p).execute(loaded([aKubectlService({ name: 'up', healthCheck: pg }), aKubectlService({ name: 'down', localPort: 15433, healthCheck: pg })]));
    expect(byId(r, 'credentials:up')).toMatchObject({ status: 'fail', detail: 'password authentication failed for user "app"' });
    expect(byId(r, 'credentials:down')).toMatchObject({ status: 'skip', detail: expect.stringContaining('not running') });
    expect(t.prober.checks.map((c) => c.target)).toEqual([{ host: '127.0.0.1', port: 15432 }]);
  });

  it('runs what each technology declares: a reachability check for a tcp target, none of the kubectl or ssh ones', async () => {
    const t = probes();
    t.prober.setHealthy(5433, false, 'connection to db.vpn.example:5433 refused');
    const r = await new RunDoctor(t.p).execute(loaded([aTcpService('db', 15432, 5432), aTcpService('cache', 15433, 5433)]));
    expect(r.checks.map((c) => `${c.id} ${c.status}`)).toEqual(['config pass', 'daemon warn', 'reachable:db pass', 'reachable:cache fail', 'port:db pass', 'port:cache pass']);
    expect(byId(r, 'reachable:cache')).toMatchObject({ title: 'target db.vpn.example:5433 (cache)', detail: 'connection to db.vpn.example:5433 refused', fix: expect.stringContaining('fix the connection of cache') });
    expect(t.prober.checks.map((c) => c.spec)).toEqual([expect.objectContaining({ type: 'tcp', host: 'db.vpn.example', port: 5432 }), expect.objectContaining({ type: 'tcp', host: 'db.vpn.example', port: 5433 })]);
  });

  it('checks only the local port of a service whose technology declares nothing, and no credentials its check type does not declare', async () => {
    const kafka = aTcpCheck({ type: 'kafka', bootstrapServers: [] } as never);
    const r = await new RunDoctor(probes({ running: ['x'] }).p).execute(loaded([anSshService({ name: 'x', connection: { technology: 'carrier-pigeon' } as never, healthCheck: kafka })]));
    expect(r.checks.map((c) => c.id)).toEqual(['config', 'daemon', 'port:x']);
  });
});

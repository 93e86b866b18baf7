import { emptyConfig, err, ok, Service } from '@localport/domain';
import { ConfigError } from '../ports/config-source.port';
import { aKubectlService, anSshService, aTcpCheck, FakeHealthProber } from '../testing';
import { DoctorProbes, RunDoctor } from './run-doctor.use-case';
import { KubectlDiagnostics, PortHolder, SshDiagnostics } from './doctor-probes.port';

const v = (minor: number) => ({ major: 1, minor, text: `1.${minor}.0` });

function probes(over: { server?: number; holders?: Record<number, PortHolder>; running?: string[]; daemonPid?: number | null } = {}) {
  const prober = new FakeHealthProber();
  const kubectl: KubectlDiagnostics = {
    clientVersion: async () => ok(v(32)),
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
    kubectl, ssh, prober,
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
});

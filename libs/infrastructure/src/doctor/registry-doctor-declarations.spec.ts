import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunDoctor } from '@localport/application';
import { findService, unwrap } from '@localport/domain';
import { freePort, startStreamServer } from '@localport/testing/loopback';
import { parseConfigText } from '../config/config-parser';
import { CompositeHealthProber } from '../health/composite-health-prober.adapter';
import { SocketDaemonDiagnostics } from './daemon-socket-diagnostics.adapter';
import { KubectlCliDiagnostics } from './kubectl-diagnostics.adapter';
import { BindLocalPortDiagnostics } from './local-port-diagnostics.adapter';
import { registryDoctorDeclarations } from './registry-doctor-declarations';
import { OpenSshDiagnostics } from './ssh-diagnostics.adapter';

const KUBE_AND_SSH = `
  - { name: k, technology: kubectl, local_port: 15432, remote_port: 5432, connection: { resource_name: pg, namespace: data, context: dev }, health_check: { type: postgresql, config: { user: app } } }
  - { name: s, technology: ssh, local_port: 15433, remote_port: 5432, connection: { host: bastion.example, strict_host_key_checking: accept-new }, health_check: { type: kafka } }`;
/** Two tcp services after `services`: `db` to `dbTarget`, `dead` to `deadPort`. */
const config = (services: string, locals: [number, number], dbTarget: number, deadPort: number) => `
version: "1.0"
services:${services}
  - { name: db, technology: tcp, local_port: ${locals[0]}, connection: { host: 127.0.0.1, port: ${dbTarget} } }
  - { name: dead, technology: tcp, local_port: ${locals[1]}, connection: { host: 127.0.0.1, port: ${deadPort} }, health_check: { type: postgres } }
`;
const load = (text: string) => unwrap(parseConfigText(text, 'lp.yaml', {}, { homedir: '/home/u', currentKubeContext: () => 'dev' })).config;

describe(registryDoctorDeclarations.name, () => {
  const declared = registryDoctorDeclarations();

  it('asks for what each registered technology declares, and for credentials only where the check type declares them', () => {
    const cfg = load(config(KUBE_AND_SSH, [25000, 25001], 5000, 5001));
    const of = (name: string) => findService(cfg, name)!;
    expect(declared.targetsOf(of('k'))).toEqual([{ check: 'kubectl', namespace: 'data', needsBinary: false }]); // native by default
    expect(declared.targetsOf(of('s'))).toEqual([{ check: 'ssh', connection: expect.objectContaining({ host: 'bastion.example', port: 22, strictHostKeyChecking: 'accept-new' }) }]);
    expect(declared.targetsOf(of('db'))).toEqual([{ check: 'reachable', host: '127.0.0.1', port: 5000 }]);
    expect(declared.credentialsOf(of('k').healthCheck, '127.0.0.1', 15432)).toEqual({ fields: 'user, password, database', tryWith: 'psql -h 127.0.0.1 -p 15432' });
    expect(declared.credentialsOf(of('s').healthCheck, '127.0.0.1', 15433)).toEqual({ fields: 'user, password', tryWith: 'your Kafka client' });
    expect(declared.credentialsOf(of('db').healthCheck, '127.0.0.1', 5000)).toBeUndefined();
    expect(declared.credentialsOf(of('dead').healthCheck, '127.0.0.1', 5001)).toBeUndefined(); // postgres without a user carries none
  });

  it('gives a tcp service a reachability check by its declaration: a live target passes, a dead one fails', async () => {
    const live = await startStreamServer();
    const dir = mkdtempSync(join(tmpdir(), 'lp-doctor-'));
    try {
      if (live.endpoint.kind !== 'tcp') throw new Error('tcp expected');
      const deadPort = await freePort();
      const text = config('', [await freePort(), await freePort()], live.endpoint.port, deadPort);
      const report = await new RunDoctor({
        declared, prober: new CompositeHealthProber(), ports: new BindLocalPortDiagnostics(), daemon: new SocketDaemonDiagnostics(join(dir, 'daemon.sock')),
        kubectl: new KubectlCliDiagnostics({ env: {} }), ssh: new OpenSshDiagnostics({ env: {} }), runningServices: async () => new Set(),
      }).execute({ ok: true, value: { path: 'lp.yaml', config: load(text) } });
      expect(report.checks.filter((c) => c.id.startsWith('reachable:')).map((c) => `${c.id} ${c.status} ${c.detail}`)).toEqual([
        'reachable:db pass accepts connections',
        `reachable:dead fail connection to 127.0.0.1:${deadPort} refused`,
      ]);
      expect(report.checks.some((c) => c.id.startsWith('kubectl') || c.id.startsWith('ssh'))).toBe(false);
    } finally {
      await live.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

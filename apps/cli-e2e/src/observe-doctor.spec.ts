import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeKubeApiServer, FakeKubeApiServer } from '@localport/testing/kube';
import { freePort, startStreamServer, waitUntil } from '@localport/testing/loopback';
import { SshdHarness, startSshd } from '@localport/testing/sshd';
import { describeWithBuild } from './support/built-artifacts';
import { configYaml, kubectlService, sshService } from './support/e2e-config';
import { E2eSandbox } from './support/e2e-sandbox';

interface Check { id: string; status: string; detail: string; fix?: string }
interface Report { ok: boolean; checks: Check[] }

describeWithBuild('localport doctor (built CLI, real kubectl, sshd and ports)', () => {
  let sandbox: E2eSandbox;
  let api: FakeKubeApiServer;
  let sshd: SshdHarness;

  beforeAll(async () => {
    sandbox = E2eSandbox.create('doc');
    [api, sshd] = await Promise.all([startFakeKubeApiServer(), startSshd()]);
    api.writeKubeconfig(sandbox.kubeconfig, { contextName: 'e2e' });
  }, 60_000);

  afterAll(async () => {
    await sandbox?.cleanup();
    await Promise.all([api?.close(), sshd?.stop()]);
  }, 60_000);

  const doctor = async (code: number) => JSON.parse((await sandbox.expectCli(['doctor', '-o', 'json'], code, 60_000)).stdout) as Report;
  const check = (r: Report, id: string) => r.checks.find((c) => c.id === id);

  it('passes a healthy setup and exits 0 (the daemon not running is only a warning)', async () => {
    sandbox.writeConfig(configYaml([
      kubectlService('web', await freePort(), { type: 'service', name: 'web', port: 8080, context: 'e2e' }),
      sshService('tunnel', await freePort(), sshd, 5432),
    ]));
    const r = await doctor(0);
    expect(r.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(check(r, 'daemon')).toMatchObject({ status: 'warn' });
    expect(check(r, 'kubectl.context:e2e')).toMatchObject({ status: 'pass', detail: expect.stringContaining('1.32') });
    expect(check(r, 'ssh.host-key:tunnel')).toMatchObject({ status: 'pass' });
    const human = await sandbox.expectCli(['doctor'], 0, 60_000);
    expect(human.stdout).toMatch(/^✓ config: /m);
    expect(human.stdout).toMatch(/^! daemon: not running/m);
  }, 90_000);

  it('fails a wrong context, an unknown host key, a port held by another process, a bad key file: each with a fix, exit 1', async () => {
    const held = await freePort();
    const squatter = spawn(process.execPath, ['-e', `require('net').createServer().listen(${held}, '127.0.0.1', () => console.log('up'))`], { stdio: ['ignore', 'pipe', 'ignore'] });
    let up = '';
    squatter.stdout.on('data', (c: Buffer) => (up += c.toString()));
    const emptyKnownHosts = join(sandbox.dir, 'known_hosts_empty');
    writeFileSync(emptyKnownHosts, '');
    const badKey = join(sandbox.dir, 'missing_key');
    try {
      await waitUntil(() => up.includes('up'), 10_000, 'the squatter listening');
      sandbox.writeConfig(configYaml([
        kubectlService('web', held, { type: 'service', name: 'web', port: 8080, context: 'nope' }),
        sshService('tunnel', await freePort(), sshd, 5432, { connection: { host: sshd.host, port: sshd.port, user: sshd.user, key_file: sshd.clientKeyFile, remote_host: '127.0.0.1', ssh_options: { ...sshd.clientOptions, UserKnownHostsFile: emptyKnownHosts } } }),
        sshService('keyless', await freePort(), sshd, 5432, { connection: { host: sshd.host, port: sshd.port, user: sshd.user, key_file: badKey, remote_host: '127.0.0.1', ssh_options: { ...sshd.clientOptions } } }),
      ]));
      const r = await doctor(1);
      expect(r.ok).toBe(false);
      expect(check(r, 'kubectl.context:nope')).toMatchObject({ status: 'fail', detail: expect.stringContaining('"nope" does not exist'), fix: expect.stringContaining('get-contexts') });
      expect(check(r, 'ssh.host-key:tunnel')).toMatchObject({ status: 'fail', fix: expect.stringContaining(`ssh-keyscan -p ${sshd.port} 127.0.0.1 >> ${emptyKnownHosts}`) });
      expect(check(r, 'port:web')).toMatchObject({ status: 'fail', detail: `in use by pid ${squatter.pid} (${process.execPath} -e require('net').createServer().listen(${held}, '127.0.0.1', () => console.log('up')))` });
      expect(check(r, 'ssh.key:keyless')).toMatchObject({ status: 'fail', detail: expect.stringContaining('does not exist') });
      for (const c of r.checks.filter((x) => x.status === 'fail')) expect(c.fix).toMatch(/\S/);
      const human = await sandbox.expectCli(['doctor'], 1, 60_000);
      expect(human.stdout).toMatch(/^✗ local port 127\.0\.0\.1:\d+ \(web\): in use by pid \d+/m);
      expect(human.stdout).toMatch(/^ {4}fix: /m);
    } finally {
      squatter.kill('SIGKILL');
    }
  }, 90_000);

  it('checks a tcp service\'s target because the tcp technology declares it: a live one passes, a dead one fails with a fix', async () => {
    const live = await startStreamServer();
    try {
      if (live.endpoint.kind !== 'tcp') throw new Error('tcp expected');
      const dead = await freePort();
      const tcp = async (name: string, port: number) => ({ name, technology: 'tcp', local_port: await freePort(), connection: { host: '127.0.0.1', port } });
      sandbox.writeConfig(configYaml([await tcp('db', live.endpoint.port), await tcp('gone', dead)]));
      const r = await doctor(1);
      expect(check(r, 'reachable:db')).toMatchObject({ status: 'pass', detail: 'accepts connections' });
      expect(check(r, 'reachable:gone')).toMatchObject({ status: 'fail', detail: `connection to 127.0.0.1:${dead} refused`, fix: expect.stringContaining('fix the connection of gone') });
      expect(r.checks.filter((c) => /^(kubectl|ssh)/.test(c.id))).toEqual([]);
    } finally {
      await live.stop();
    }
  }, 90_000);

  it('fails a config that does not validate, naming the file, line and field', async () => {
    sandbox.writeConfig('version: "1.0"\nservices:\n  - name: web\n    technology: kubectl\n    local_port: 70000\n    remote_port: 80\n    connection: { resource_name: web }\n');
    const r = await doctor(1);
    expect(check(r, 'config')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/localport\.yaml:5: .*local_port/) });
  }, 60_000);
});

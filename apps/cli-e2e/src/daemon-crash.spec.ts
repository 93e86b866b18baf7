import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDemoState, FakeKubeApiServer, startFakeKubeApiServer } from '@localport/testing/kube';
import { freePort, waitUntil } from '@localport/testing/loopback';
import { EchoServer, roundTrip, startEchoServer } from '@localport/testing/net';
import { SshdHarness, startSshd } from '@localport/testing/sshd';
import { describeWithBuild } from './support/built-artifacts';
import { configYaml, kubectlService, sshService } from './support/e2e-config';
import { E2eSandbox } from './support/e2e-sandbox';
import { isAlive } from './support/process-scan';
import { serviceOf, StatusJson } from './support/status-json';

const CONTEXT = 'e2e';

interface DiedJson {
  pid: number;
  staleFiles: string[];
  orphans: { pid: number; command: string }[];
}

const running = (s: StatusJson) => s.services.every((x) => x.state === 'running' && x.healthy);

describeWithBuild('a daemon killed with SIGKILL (built CLI + daemon, real kubectl and sshd children)', () => {
  let sandbox: E2eSandbox;
  let api: FakeKubeApiServer;
  let sshd: SshdHarness;
  let pod: EchoServer;
  let target: EchoServer;
  let bystander: ChildProcess | undefined;
  const port = { web: 0, tun: 0 };

  beforeAll(async () => {
    sandbox = E2eSandbox.create('crash');
    [pod, target, sshd] = await Promise.all([startEchoServer(), startEchoServer(), startSshd()]);
    const state = defaultDemoState();
    state.portTargets = { 'default/web-0': { 80: { host: '127.0.0.1', port: pod.port } } };
    api = await startFakeKubeApiServer({ state });
    api.writeKubeconfig(sandbox.kubeconfig, { contextName: CONTEXT });
    port.web = await freePort();
    port.tun = await freePort();
    sandbox.writeConfig(configYaml([kubectlService('web', port.web, { type: 'pod', name: 'web-0', port: 80, context: CONTEXT }), sshService('tun', port.tun, sshd, target.port)]));
  }, 60_000);

  afterAll(async () => {
    bystander?.kill('SIGKILL');
    await sandbox?.cleanup();
    await Promise.all([api?.close(), sshd?.stop(), pod?.stop(), target?.stop()]);
  }, 60_000);

  it('status says the daemon died and names its tunnels still running; the next start stops them, and only them', async () => {
    await sandbox.expectCli(['start', '--all', '--wait', '--timeout', '45'], 0, 90_000);
    const before = await sandbox.status();
    const tunnels = before.services.map((x) => x.pid!);
    expect(tunnels).toEqual([expect.any(Number), expect.any(Number)]);
    // An unrelated process whose pid a forged ledger entry names: it must be neither listed nor killed.
    bystander = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'lp-crash-bystander'], { stdio: 'ignore' });
    const ledgerFile = join(sandbox.localportHome, 'state', 'children.json');
    const ledger = JSON.parse(readFileSync(ledgerFile, 'utf8')) as { children: { pid: number; argv: string[]; startToken: string }[] };
    expect(ledger.children.map((c) => c.pid).sort()).toEqual([...tunnels].sort());
    ledger.children.push({ ...ledger.children[0], pid: bystander.pid! });
    writeFileSync(ledgerFile, JSON.stringify(ledger));

    const daemonPid = before.daemon.pid!;
    process.kill(daemonPid, 'SIGKILL');
    await waitUntil(() => !isAlive(daemonPid), 10_000, 'the daemon to die');
    expect(tunnels.every(isAlive)).toBe(true);

    const human = await sandbox.expectCli(['status'], 1);
    expect(human.stdout).toContain(`daemon died (pid ${daemonPid}`);
    for (const pid of tunnels) expect(human.stdout).toContain(`pid ${pid} `);
    expect(human.stdout).toMatch(/2 tunnel processes it started are still running/);
    expect(human.stdout).not.toContain(`pid ${bystander.pid} `);
    const json = JSON.parse((await sandbox.expectCli(['status', '-o', 'json'], 1)).stdout) as StatusJson & { daemon: { died: DiedJson } };
    expect(json.daemon.running).toBe(false);
    expect(json.daemon.died.pid).toBe(daemonPid);
    expect(json.daemon.died.orphans.map((o) => o.pid).sort()).toEqual([...tunnels].sort());
    expect(json.daemon.died.orphans.map((o) => o.command).join('\n')).toMatch(/kubectl[^\n]*port-forward[\s\S]*ssh |ssh [\s\S]*kubectl[^\n]*port-forward/);
    expect(json.daemon.died.staleFiles).toContain(sandbox.socketPath);
    expect((await sandbox.expectCli(['daemon', 'status'], 1)).stdout).toContain(`daemon died (pid ${daemonPid}`);

    const started = await sandbox.expectCli(['start', '--all', '--wait', '--timeout', '45'], 0, 90_000);
    expect(started.stdout).toContain(`the previous daemon (pid ${daemonPid}) had died`);
    expect(started.stdout).toContain('stopped the 2 tunnel processes it left running');
    await waitUntil(() => !tunnels.some(isAlive), 10_000, 'the orphaned tunnels to be stopped');
    expect(isAlive(bystander.pid!)).toBe(true);
    const after = await sandbox.status();
    expect(running(after)).toBe(true);
    expect(serviceOf(after, 'web').pid).not.toBe(serviceOf(before, 'web').pid);
    for (const p of [port.web, port.tun]) {
      const payload = randomBytes(16 * 1024);
      expect((await roundTrip({ host: '127.0.0.1', port: p }, payload, 15_000)).equals(payload)).toBe(true);
    }
  }, 180_000);

  it('a clean daemon stop is not a death: status exits 0 and says not running', async () => {
    await sandbox.expectCli(['daemon', 'stop'], 0, 30_000);
    const r = await sandbox.expectCli(['status'], 0);
    expect(r.stdout).toContain('daemon not running');
    expect(r.stdout).not.toContain('died');
    bystander?.kill('SIGKILL');
    if (bystander) await once(bystander, 'exit');
    bystander = undefined;
  }, 60_000);
});

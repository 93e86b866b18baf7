import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDemoState, FakeKubeApiServer, startFakeKubeApiServer } from '@localport/testing/kube';
import { freePort } from '@localport/testing/loopback';
import { EchoServer, roundTrip, startEchoServer } from '@localport/testing/net';
import { CLI_MAIN, describeWithBuild } from './support/built-artifacts';
import { configYaml, kubectlService } from './support/e2e-config';
import { E2eSandbox } from './support/e2e-sandbox';
import { StatusJson } from './support/status-json';
import { request } from './support/control-socket';

/** Splits a unit file's ExecStart= value into words (systemd.syntax quoting, with %% and $$ undone). */
function execWords(line: string): string[] {
  const words: string[] = [];
  for (const m of line.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)) words.push((m[1] ?? m[2]).replace(/\\(.)/g, '$1').replace(/%%/g, '%').replace(/\$\$/g, '$'));
  return words;
}

const unitValues = (unit: string, key: string) => [...unit.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => m[1]);
const hasSystemdAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;

describeWithBuild('localport service install/uninstall/status and daemon run (systemd user unit, launchd agent)', () => {
  let sandbox: E2eSandbox;
  let api: FakeKubeApiServer;
  let pod: EchoServer;
  let port: number;
  let unitFile: string;

  beforeAll(async () => {
    sandbox = E2eSandbox.create('svc');
    // Never the real user's files or session: our own XDG dirs, and no reachable systemd user manager.
    const runtime = join(sandbox.dir, 'xdg-run');
    mkdirSync(runtime, { mode: 0o700 });
    Object.assign(sandbox.env, { XDG_CONFIG_HOME: join(sandbox.dir, 'xdg-config'), XDG_RUNTIME_DIR: runtime, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(runtime, 'no-bus')}`, SSH_AUTH_SOCK: join(sandbox.dir, 'agent 1%.sock') });
    unitFile = join(sandbox.dir, 'xdg-config', 'systemd', 'user', 'localport.service');
    pod = await startEchoServer();
    const state = defaultDemoState();
    state.portTargets = { 'default/web-0': { 80: { host: '127.0.0.1', port: pod.port } } };
    api = await startFakeKubeApiServer({ state });
    api.writeKubeconfig(sandbox.kubeconfig, { contextName: 'e2e' });
    port = await freePort();
    sandbox.writeConfig(configYaml([kubectlService('web', port, { type: 'service', name: 'web', port: 8080, context: 'e2e' })]));
  }, 60_000);

  afterAll(async () => {
    expect(await sandbox.cleanup()).toEqual([]);
    await Promise.all([api?.close(), pod?.stop()]);
  }, 60_000);

  it('install writes a user unit that runs `daemon run` with the config and kubectl/ssh environment, enabled for login', async () => {
    const r = await sandbox.expectCli(['service', 'install', '-o', 'json'], 0);
    expect(JSON.parse(r.stdout)).toMatchObject({ installed: true, manager: 'systemd', file: unitFile, configPath: sandbox.configPath, startedNow: false });
    const unit = readFileSync(unitFile, 'utf8');
    expect(execWords(unitValues(unit, 'ExecStart')[0])).toEqual([process.execPath, CLI_MAIN, '--config', sandbox.configPath, 'daemon', 'run']);
    const env = Object.fromEntries(unitValues(unit, 'Environment').map((v) => execWords(v)[0].split(/=(.*)/s).slice(0, 2)));
    expect(env).toMatchObject({ PATH: sandbox.env.PATH, KUBECONFIG: sandbox.kubeconfig, SSH_AUTH_SOCK: sandbox.env.SSH_AUTH_SOCK, LOCALPORT_HOME: sandbox.localportHome });
    expect(env.LOCALPORT_CONFIG).toBeUndefined(); // the config is named by --config
    expect(unit).toMatch(/^WantedBy=default\.target$/m);
    expect(unit).toMatch(/^RestartPreventExitStatus=2$/m);
    expect(readlinkSync(join(unitFile, '..', 'default.target.wants', 'localport.service'))).toBe('../localport.service');
    const status = JSON.parse((await sandbox.expectCli(['service', 'status', '-o', 'json'], 0)).stdout);
    expect(status).toMatchObject({ installed: true, atLogin: true, state: null, daemonRunning: false });
    expect(status.problem).toMatch(/bus|connect/i);
  }, 60_000);

  (hasSystemdAnalyze ? it : it.skip)('systemd-analyze verify --user accepts the unit', () => {
    const v = spawnSync('systemd-analyze', ['verify', '--user', unitFile], { env: sandbox.env, encoding: 'utf8' });
    expect({ status: v.status, stderr: v.stderr, stdout: v.stdout }).toEqual({ status: 0, stderr: '', stdout: '' });
  }, 60_000);

  it('the unit\'s ExecStart runs the daemon in the foreground; SIGTERM stops it with exit 0, its socket and children gone', async () => {
    const unit = readFileSync(unitFile, 'utf8');
    const [cmd, ...args] = execWords(unitValues(unit, 'ExecStart')[0]);
    const env = { ...Object.fromEntries(unitValues(unit, 'Environment').map((v) => execWords(v)[0].split(/=(.*)/s).slice(0, 2))), HOME: sandbox.home, XDG_CONFIG_HOME: sandbox.env.XDG_CONFIG_HOME };
    const child = spawn(cmd, args, { cwd: sandbox.home, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const running = await sandbox.waitForStatus((s: StatusJson) => s.services.some((x) => x.name === 'web' && x.state === 'running' && x.healthy), 'web healthy under daemon run', 40_000);
    expect(running.daemon.configPath).toBe(sandbox.configPath);
    expect((await roundTrip({ host: '127.0.0.1', port }, Buffer.from('through the unit'), 10_000)).toString()).toBe('through the unit');
    const daemonPid = (await request<{ pid: number }>(sandbox.socketPath, 'ping')).pid;
    expect(daemonPid).not.toBe(child.pid);
    expect(readFileSync(join(sandbox.localportHome, 'logs', 'daemon.log'), 'utf8')).toMatch(/daemon started/);
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(out).toBe(''); // logs go to the log files, not to the journal
    expect(existsSync(sandbox.socketPath)).toBe(false);
    // The daemon has killed its kubectl children before it exits, so nothing of ours may be left.
    expect(sandbox.ownProcesses()).toEqual([]);
  }, 90_000);

  it('daemon run: exit 2 on an invalid config (no restart loop), exit 1 when a daemon already runs', async () => {
    const bad = join(sandbox.dir, 'cfg', 'bad.yaml');
    writeFileSync(bad, 'version: "1.0"\nservices:\n  - name: x\n    technology: ssh\n    local_port: 70000\n');
    const invalid = await sandbox.expectCli(['--config', bad, 'daemon', 'run'], 2);
    expect(invalid.stderr).toMatch(/local_port/);
    await sandbox.expectCli(['daemon', 'start', '--no-auto-start'], 0);
    const twice = await sandbox.expectCli(['daemon', 'run'], 1);
    expect(twice.stderr).toMatch(/already running/);
    await sandbox.expectCli(['daemon', 'stop'], 0);
  }, 60_000);

  it('install --now fails with a clear message and exit 1 where systemd user sessions are unavailable', async () => {
    const r = await sandbox.expectCli(['service', 'install', '--now'], 1);
    expect(r.stderr).toMatch(/could not start it now: systemd user sessions are not available here \(systemctl --user: .+\)/);
    expect(r.stderr).toMatch(/localport daemon start/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(unitFile)).toBe(true); // still installed for the next login
  }, 60_000);

  it('launchd: install writes a LaunchAgent property list with the same command and environment', async () => {
    const r = JSON.parse((await sandbox.expectCli(['service', 'install', '--manager', 'launchd', '-o', 'json'], 0)).stdout) as { file: string };
    expect(r.file).toBe(join(sandbox.home, 'Library', 'LaunchAgents', 'io.localport.daemon.plist'));
    // A real plist parser: Python's plistlib (.ci/run installs python3 where it is missing).
    const parsed = spawnSync('python3', ['-c', 'import json,plistlib,sys; print(json.dumps(plistlib.load(open(sys.argv[1],"rb"))))', r.file], { encoding: 'utf8' });
    expect(parsed.stderr).toBe('');
    expect(JSON.parse(parsed.stdout)).toMatchObject({
      Label: 'io.localport.daemon',
      ProgramArguments: [process.execPath, CLI_MAIN, '--config', sandbox.configPath, 'daemon', 'run'],
      EnvironmentVariables: { PATH: sandbox.env.PATH, KUBECONFIG: sandbox.kubeconfig, SSH_AUTH_SOCK: sandbox.env.SSH_AUTH_SOCK },
      RunAtLoad: true,
      KeepAlive: { SuccessfulExit: false },
      WorkingDirectory: sandbox.home,
    });
    await sandbox.expectCli(['service', 'uninstall', '--manager', 'launchd'], 0);
    expect(existsSync(r.file)).toBe(false);
  }, 60_000);

  it('uninstall removes the unit and its login link; status then says not installed (exit 1)', async () => {
    await sandbox.expectCli(['service', 'uninstall'], 0);
    expect(existsSync(unitFile)).toBe(false);
    expect(existsSync(join(unitFile, '..', 'default.target.wants', 'localport.service'))).toBe(false);
    expect((await sandbox.expectCli(['service', 'status'], 1)).stdout).toMatch(/service: not installed/);
  }, 60_000);
});

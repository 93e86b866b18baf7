import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { defaultDemoState, FakeKubeApiServer, startFakeKubeApiServer } from '@localport/testing/kube';
import { freePort } from '@localport/testing/loopback';
import { EchoServer, roundTrip, startEchoServer } from '@localport/testing/net';
import { CLI_MAIN, describeWithBuild, REPO_ROOT } from './support/built-artifacts';
import { describeRun } from './support/cli-runner';
import { configYaml, kubectlService } from './support/e2e-config';
import { E2eSandbox } from './support/e2e-sandbox';
import { npmEnv, runCommand } from './support/run-command';

const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describeWithBuild('the localport npm package (packed, installed globally into an empty prefix, run from there)', () => {
  let work: string;
  let bin: string;
  let tarball: string;
  let sandbox: E2eSandbox;
  let api: FakeKubeApiServer;
  let pod: EchoServer;
  let port: number;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'lp-pkg-'));
    const dist = dirname(dirname(dirname(CLI_MAIN)));
    const assembled = await runCommand(process.execPath, [join(REPO_ROOT, 'tools/build/package-cli.mjs'), '--dist', dist, '--out', join(work, 'pkg')], { cwd: REPO_ROOT, env: npmEnv() });
    if (assembled.code !== 0) throw new Error(describeRun(['package-cli'], assembled));
    const packed = await runCommand('npm', ['pack', join(work, 'pkg'), '--pack-destination', work, '--json'], { cwd: work, env: npmEnv() });
    if (packed.code !== 0) throw new Error(describeRun(['npm pack'], packed));
    tarball = join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0].filename);
    const prefix = join(work, 'prefix');
    const installed = await runCommand('npm', ['install', '-g', '--prefix', prefix, '--offline', tarball], { cwd: work, env: npmEnv() });
    if (installed.code !== 0) throw new Error(describeRun(['npm install -g'], installed));
    bin = join(prefix, 'bin', 'localport');

    sandbox = E2eSandbox.create('pkg');
    pod = await startEchoServer();
    const state = defaultDemoState();
    state.portTargets = { 'default/web-0': { 80: { host: '127.0.0.1', port: pod.port } } };
    api = await startFakeKubeApiServer({ state });
    api.writeKubeconfig(sandbox.kubeconfig, { contextName: 'e2e' });
    port = await freePort();
    sandbox.writeConfig(configYaml([kubectlService('web', port, { type: 'service', name: 'web', port: 8080, context: 'e2e' })]));
  }, 180_000);

  afterAll(async () => {
    await sandbox?.cleanup();
    await Promise.all([api?.close(), pod?.stop()]);
    if (work) rmSync(work, { recursive: true, force: true });
  }, 60_000);

  /** Runs the installed `localport` (its bin link, through its #! line) with the sandbox's environment. */
  const localport = async (args: string[], code: number) => {
    const r = await runCommand(bin, args, { cwd: sandbox.home, env: sandbox.env, timeoutMs: 90_000 });
    if (r.code !== code) throw new Error(`expected exit ${code}: ${describeRun(args, r)}`);
    return r;
  };

  it('is a few MB with no dependencies: the bundles carry what they need', () => {
    const root = join(dirname(dirname(bin)), 'lib', 'node_modules', 'localport');
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: 'localport', version: VERSION, bin: { localport: 'cli/main.js' } });
    expect(manifest.dependencies).toBeUndefined();
    expect(existsSync(join(root, 'node_modules'))).toBe(false);
    expect(readdirSync(join(dirname(root))).sort()).toEqual(['localport']);
    expect(statSync(tarball).size).toBeLessThan(4e6);
  }, 60_000);

  it('--version, config validate, start --all --wait (bytes round-trip) and daemon stop work from the installed package', async () => {
    expect((await localport(['--version'], 0)).stdout.trim()).toBe(VERSION);
    expect((await localport(['config', 'validate'], 0)).stdout).toMatch(/1 service \(web\)/);
    await localport(['start', '--all', '--wait', '--timeout', '50'], 0);
    const payload = randomBytes(32 * 1024);
    expect((await roundTrip({ host: '127.0.0.1', port }, payload, 15_000)).equals(payload)).toBe(true);
    // The daemon that serves it is the installed package's, not the repository's.
    const daemons = sandbox.ownProcesses().filter((p) => p.cmdline.includes('daemon/main.js'));
    expect(daemons.map((p) => p.cmdline.split(' ').find((arg) => arg.endsWith('main.js')))).toEqual([join(dirname(dirname(bin)), 'lib', 'node_modules', 'localport', 'daemon', 'main.js')]);
    expect((await localport(['daemon', 'stop'], 0)).stdout).toMatch(/daemon stopped/);
    expect(existsSync(sandbox.socketPath)).toBe(false);
  }, 120_000);
});

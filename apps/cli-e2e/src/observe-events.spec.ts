import { spawn } from 'node:child_process';
import { defaultDemoState, FakeKubeApiServer, startFakeKubeApiServer } from '@localport/testing/kube';
import { freePort, waitUntil } from '@localport/testing/loopback';
import { EchoServer, startEchoServer } from '@localport/testing/net';
import { CLI_MAIN, describeWithBuild } from './support/built-artifacts';
import { configYaml, kubectlService } from './support/e2e-config';
import { E2eSandbox } from './support/e2e-sandbox';

interface EventJson { seq: number; at: string; kind: string; subject: string; message: string; data: Record<string, unknown> }
const ndjson = (out: string): EventJson[] => out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as EventJson);

describeWithBuild('localport events (built CLI + daemon, real kubectl)', () => {
  let sandbox: E2eSandbox;
  let api: FakeKubeApiServer;
  let pod: EchoServer;

  beforeAll(async () => {
    sandbox = E2eSandbox.create('evt');
    pod = await startEchoServer();
    const state = defaultDemoState();
    state.portTargets = { 'default/web-0': { 80: { host: '127.0.0.1', port: pod.port } } };
    api = await startFakeKubeApiServer({ state });
    api.writeKubeconfig(sandbox.kubeconfig, { contextName: 'e2e' });
    sandbox.writeConfig(configYaml([kubectlService('web', await freePort(), { type: 'service', name: 'web', port: 8080, context: 'e2e' })]));
    await sandbox.expectCli(['start', '--all', '--wait', '--timeout', '50'], 0, 90_000);
  }, 120_000);

  afterAll(async () => {
    await sandbox?.cleanup();
    await Promise.all([api?.close(), pod?.stop()]);
  }, 60_000);

  it('without -f prints the recent events as NDJSON and exits 0', async () => {
    const events = ndjson((await sandbox.expectCli(['events', '-o', 'json'], 0)).stdout);
    expect(events.map((e) => `${e.kind} ${e.subject} ${e.message}`)).toEqual(expect.arrayContaining([
      'service.state web starting -> running', expect.stringMatching(/^daemon\.reload daemon configuration applied/),
    ]));
    expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => a - b));
    const human = (await sandbox.expectCli(['events', '-n', '1'], 0)).stdout.trim().split('\n');
    expect(human).toHaveLength(1);
    expect(human[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+Z {2}\S+ +\S+ {2}/);
  }, 60_000);

  it('-f streams a restart with its reason and a reload as they happen; Ctrl-C exits 130', async () => {
    const child = spawn(process.execPath, [CLI_MAIN, 'events', '-f', '-o', 'json'], { env: sandbox.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    try {
      await waitUntil(() => ndjson(out).length > 0, 15_000, 'the recent events');
      const before = ndjson(out).at(-1)!.seq;
      const web = (await sandbox.status()).services[0];
      process.kill(web.pid!, 'SIGKILL');
      await waitUntil(() => ndjson(out).some((e) => e.kind === 'service.restart' && e.seq > before), 20_000, 'a restart event');
      await sandbox.expectCli(['daemon', 'reload'], 0);
      await waitUntil(() => ndjson(out).some((e) => e.kind === 'daemon.reload' && e.seq > before), 20_000, 'a reload event');
      const restart = ndjson(out).find((e) => e.kind === 'service.restart' && e.seq > before)!;
      expect(restart).toMatchObject({ subject: 'web', data: { from: 'running', reason: expect.stringMatching(/\S/) } });
      // No event twice, none missing: the recent list and the stream join on seq.
      const seqs = ndjson(out).map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0] + i));
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(130);
  }, 90_000);
});

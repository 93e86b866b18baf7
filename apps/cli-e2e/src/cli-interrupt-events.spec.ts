import { ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDemoState, FakeKubeApiServer, startFakeKubeApiServer, warningEvent } from '@localport/testing/kube';
import { freePort, waitUntil } from '@localport/testing/loopback';
import { CLI_MAIN, describeWithBuild } from './support/built-artifacts';
import { configYaml, kubectlService } from './support/e2e-config';
import { E2eSandbox } from './support/e2e-sandbox';

const CONTEXT = 'e2e';
const EVENTS_OFF = `cluster_contexts:\n  ${CONTEXT}:\n    cluster_health:\n      commands:\n        events_on_failure: false\n`;

/** The built CLI as a child process we can signal, with what it printed so far and how it ended. */
function startCli(sandbox: E2eSandbox, args: string[]): { child: ChildProcess; out: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [CLI_MAIN, ...args], { env: sandbox.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (out += c));
  return { child, out: () => out, exited: new Promise((resolve) => child.once('close', (code) => resolve(code))) };
}

describeWithBuild('Ctrl-C exit codes and cluster events turned off (built CLI + daemon, real kubectl; issue 11, defect 10)', () => {
  let sandbox: E2eSandbox;
  let api: FakeKubeApiServer;
  let eventsOn: string;

  beforeAll(async () => {
    sandbox = E2eSandbox.create('intr');
    const state = defaultDemoState();
    state.events = [warningEvent('BackOff', 'Back-off restarting failed container', { involvedObject: { kind: 'Pod', name: 'web-0' } })];
    api = await startFakeKubeApiServer({ state });
    api.writeKubeconfig(sandbox.kubeconfig, { contextName: CONTEXT });
    const services = configYaml([kubectlService('web', await freePort(), { type: 'service', name: 'web', port: 8080, context: CONTEXT })]);
    sandbox.writeConfig(services + EVENTS_OFF);
    eventsOn = join(sandbox.dir, 'cfg', 'events-on.yaml');
    writeFileSync(eventsOn, services);
  }, 60_000);

  afterAll(async () => {
    expect(await sandbox?.cleanup()).toEqual([]);
    await api?.close();
  }, 60_000);

  it('cluster events says events are turned off for the context instead of "no events"', async () => {
    // The same cluster with events on has one, so "off" is not just an empty list.
    const on = JSON.parse((await sandbox.expectCli(['-c', eventsOn, 'cluster', 'events', '-o', 'json'], 0, 60_000)).stdout) as { events: { reason: string }[]; eventsOff: string[] };
    expect([on.events.map((e) => e.reason), on.eventsOff]).toEqual([['BackOff'], []]);
    const offline = await sandbox.expectCli(['cluster', 'events', '--context', CONTEXT], 0, 60_000);
    expect(offline.stdout.trim()).toBe(`events are turned off for context ${CONTEXT} (cluster_health.commands.events_on_failure: false)`);
    expect(JSON.parse((await sandbox.expectCli(['cluster', 'events', '-o', 'json'], 0, 60_000)).stdout)).toEqual({ events: [], eventsOff: [CONTEXT] });
  }, 120_000);

  it('daemon start --foreground and logs -f exit 130 on a real SIGINT, as status -w does; the daemon answers cluster events meanwhile', async () => {
    const daemon = startCli(sandbox, ['daemon', 'start', '--foreground', '--no-auto-start']);
    try {
      await sandbox.waitForStatus((s) => s.daemon.running, 'the foreground daemon answering', 30_000);
      const r = await sandbox.expectCli(['cluster', 'events', '--context', CONTEXT], 0, 60_000);
      expect(r.stdout).toContain(`events are turned off for context ${CONTEXT}`);
      expect(r.stdout).not.toContain('no events');
      for (const args of [['logs', '-f'], ['status', '-w', '-i', '0.5']]) {
        const follower = startCli(sandbox, args);
        try {
          await waitUntil(() => follower.out().length > 0, 15_000, `${args.join(' ')} printing`);
          follower.child.kill('SIGINT');
          // A process that ignores the SIGINT fails here, by name, rather than as the whole test's timeout.
          const notExited = new Promise<string>((resolve) => setTimeout(() => resolve('still running 20 s after SIGINT'), 20_000).unref());
          expect([args.join(' '), await Promise.race([follower.exited, notExited])]).toEqual([args.join(' '), 130]);
        } finally {
          if (follower.child.exitCode === null && follower.child.signalCode === null) follower.child.kill('SIGKILL');
        }
      }
    } finally {
      daemon.child.kill('SIGINT');
    }
    expect(await daemon.exited).toBe(130);
    expect(daemon.out()).not.toMatch(/^\s+at /m);
    expect(sandbox.ownProcesses()).toEqual([]);
    await sandbox.expectCli(['daemon', 'status'], 1);
  }, 120_000);
});

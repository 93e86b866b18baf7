/**
 * Issue 11, "keep it broken-proof": a real daemon's 0600 control socket under attack (a 64 MB line with no
 * newline, binary garbage, half-open and trickling clients, 10,000 connections); afterwards the daemon
 * still answers status, its JS heap is back within 20 % of what it was before, and its RSS within 25 %
 * (see the RSS note at the assertion and in docs/benchmarks.md).
 *
 * The daemon runs through support/gc-daemon-entry.cjs: SIGUSR2 forces a full GC, so "before" and "after"
 * are both read after the same settling, not at whatever point V8 last collected.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@localport/testing/loopback';
import { DAEMON_MAIN, describeWithBuild } from './support/built-artifacts';
import { request } from './support/control-socket';
import { configYaml } from './support/e2e-config';
import { startEchoProcess, EchoProcess } from './support/echo-process';
import { E2eSandbox } from './support/e2e-sandbox';
import { connectionWave, garbage, oversizedLine, slowAndHalfOpen } from './support/hostile-clients';
import { StatusJson } from './support/status-json';

const CONNECTIONS = 10_000;
const WAVE = 2_500;

const rssKb = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);

/** RSS after two forced full GCs and a short settle (median of three reads). */
async function settledRss(pid: number): Promise<number> {
  for (let i = 0; i < 2; i++) {
    process.kill(pid, 'SIGUSR2');
    await sleep(300);
  }
  const reads: number[] = [];
  for (let i = 0; i < 3; i++) {
    reads.push(rssKb(pid));
    await sleep(200);
  }
  return reads.sort((a, b) => a - b)[1];
}

/** The daemon's process.memoryUsage() at its last forced GC. */
const memoryOf = (dir: string): Record<string, number> => JSON.parse(readFileSync(join(dir, 'mem.json'), 'utf8')) as Record<string, number>;
const heapLine = (m: Record<string, number>): string => ['heapTotal', 'heapUsed', 'external', 'arrayBuffers'].map((k) => `${k} ${(m[k] / 1048576).toFixed(1)}`).join(', ');

describeWithBuild('a hostile client on the control socket (built daemon)', () => {
  let sandbox: E2eSandbox;
  let echo: EchoProcess;
  let pid: number;

  beforeAll(async () => {
    sandbox = E2eSandbox.create('hostile');
    Object.assign(sandbox.env, { LOCALPORT_DAEMON_ENTRY: join(__dirname, 'support', 'gc-daemon-entry.cjs'), LOCALPORT_E2E_REAL_DAEMON: DAEMON_MAIN, LOCALPORT_E2E_MEM_FILE: join(sandbox.dir, 'mem.json') });
    echo = await startEchoProcess();
    sandbox.writeConfig(configYaml([{ name: 'db', technology: 'tcp', local_port: await freePort(), connection: { host: '127.0.0.1', port: echo.port } }]));
    await sandbox.expectCli(['start', '--all', '--wait', '--timeout', '30'], 0, 60_000);
    pid = (await sandbox.status()).daemon.pid!;
  }, 90_000);

  afterAll(async () => {
    await sandbox?.cleanup();
    await echo?.stop();
  }, 60_000);

  it('survives oversized lines, garbage, half-open and slow clients and 10,000 connections; its heap returns within 20 %', async () => {
    expect(statSync(sandbox.socketPath).mode & 0o777).toBe(0o600);
    // Warm the paths the attack takes, so "before" is not a cold daemon that has never parsed a request.
    await connectionWave(sandbox.socketPath, 200, false);
    const before = await settledRss(pid);
    const heapBefore = memoryOf(sandbox.dir);

    const oversized = await oversizedLine(sandbox.socketPath, 64 * 1024 * 1024);
    expect(oversized.replies).toContain('"code":"CONTROL.LINE_TOO_LONG"');
    // The daemon hangs up once the line runs 4 MiB past its 1 MiB limit, rather than read all 64 MiB of it.
    expect(oversized.sent).toBeLessThan(32 * 1024 * 1024);
    expect(await garbage(sandbox.socketPath, 2_000, 512)).toBe(2_000);
    await slowAndHalfOpen(sandbox.socketPath, 400, 50, 2_000);
    let answered = 0;
    for (let done = 0; done < CONNECTIONS; done += WAVE) answered += await connectionWave(sandbox.socketPath, WAVE, done % (2 * WAVE) === 0);
    expect(answered).toBe(CONNECTIONS);

    const status = await request<StatusJson>(sandbox.socketPath, 'status', {}, 2_000);
    expect(status.services.map((s) => [s.name, s.state])).toEqual([['db', 'running']]);
    expect((await sandbox.status()).daemon.pid).toBe(pid);
    const after = await settledRss(pid);
    const heapAfter = memoryOf(sandbox.dir);
    process.stdout.write(`hostile socket: daemon RSS ${before} kB before, ${after} kB after (${Math.round(((after - before) * 100) / before)} %); MB before: ${heapLine(heapBefore)}; after: ${heapLine(heapAfter)}\n`);
    // Nothing the attack sent is still held: the JS heap and external memory are back within 20 %.
    expect(heapAfter.heapUsed).toBeLessThanOrEqual(heapBefore.heapUsed * 1.2);
    expect(heapAfter.external).toBeLessThanOrEqual(heapBefore.external * 1.2);
    // RSS: -3 to +1 % in five runs beside three CPU-burning processes. It was +41-42 % in some
    // loaded runs while the daemon read all 64 MB of the line to skip it: glibc kept ~28 MB of the freed read
    // buffers. The daemon now hangs up 4 MiB past the limit. A real leak (10,000 connections held) is far above this.
    expect(after).toBeLessThanOrEqual(before * 1.25);
  }, 180_000);
});

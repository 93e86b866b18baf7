/**
 * Issue 11, "keep it broken-proof": a real daemon hot-reloads from 2 services to 2,000 (written with YAML
 * merge keys, as a user would) and back, while `status` is polled back to back over the control socket:
 * every request must be answered, none may wait for seconds. Then `daemon stop` works and leaves nothing behind.
 *
 * The 2,000 services use the tcp technology to a loopback echo server: it takes the daemon through the same
 * reload plan, launch queue, listener binds, health checks and status rendering as kubectl or ssh, but
 * starts no child process, so the test stays bounded on a 2-core machine (2,000 kubectl processes through
 * a queue of 8 take minutes) and what it measures is the daemon's own event loop.
 *
 * How fast the answers come (issue 11's target: within 100 ms) is a speed target, measured and judged by the
 * bench's mass-reload section (`npm run bench -- --only mass`), not asserted here: on a 2-core machine shared with
 * the rest of the suite the slowest of ~2,500 answers is the scheduler's as much as the daemon's. This test prints
 * the same figures, and fails when the daemon stops answering (a request that waits {@link STALL_MS}).
 */
import { describeWithBuild } from './support/built-artifacts';
import { startEchoProcess, EchoProcess } from './support/echo-process';
import { E2eSandbox } from './support/e2e-sandbox';
import { massConfigYaml, pollStatus } from '@localport/testing/control';
import { freePortBlock } from '@localport/testing/net';
import { isAlive } from './support/process-scan';
import { StatusJson } from './support/status-json';

const MANY = 2_000;
/** A status that waits this long means the daemon's event loop was blocked, not busy (the slowest seen under load: 1.0 s). */
const STALL_MS = 2_000;

const running = (s: StatusJson) => s.services.filter((x) => x.state === 'running').length;

describeWithBuild('a 2,000-service hot reload while status keeps answering (built daemon)', () => {
  let sandbox: E2eSandbox;
  let echo: EchoProcess;
  let ports: number[];

  beforeAll(async () => {
    sandbox = E2eSandbox.create('mass');
    echo = await startEchoProcess();
    ports = await freePortBlock(MANY);
    sandbox.writeConfig(massConfigYaml(ports.slice(0, 2), echo.port));
  }, 60_000);

  afterAll(async () => {
    await sandbox?.cleanup();
    await echo?.stop();
  }, 60_000);

  it('reloads to 2,000 services and back with every status answered (none waiting seconds); daemon stop leaves nothing running', async () => {
    await sandbox.expectCli(['start', '--all', '--wait', '--timeout', '30'], 0, 60_000);
    const pid = (await sandbox.status()).daemon.pid!;
    const firstReload = (await sandbox.status()).daemon.lastReloadAt;

    // Each request may take up to the CLI's own request timeout (30 s) before it counts as unanswered.
    const poller = await pollStatus(sandbox.socketPath, 30_000);
    const t0 = Date.now();
    sandbox.writeConfig(massConfigYaml(ports, echo.port));
    await sandbox.waitForStatus((s) => s.services.length === MANY && running(s) === MANY, `all ${MANY} services running`, 120_000);
    const upMs = Date.now() - t0;
    const t1 = Date.now();
    sandbox.writeConfig(massConfigYaml(ports.slice(0, 2), echo.port));
    const back = await sandbox.waitForStatus((s) => s.services.length === 2 && running(s) === 2, 'back to 2 services', 60_000);
    const downMs = Date.now() - t1;
    const { summary, errors } = await poller.stop();

    // The figures docs/benchmarks.md quotes; printed so a run shows them.
    process.stdout.write(
      `mass-config: ${MANY} services up in ${upMs} ms (${Math.round((MANY * 1000) / upMs)} services/s), back to 2 in ${downMs} ms; ` +
        `status x${summary.count}: p50 ${summary.p50} ms, p99 ${summary.p99} ms, max ${summary.max} ms; slowest ${JSON.stringify(summary.slowest)}\n`,
    );
    expect(back.daemon.lastReloadAt).not.toBe(firstReload);
    expect(errors).toEqual([]);
    expect(summary.count).toBeGreaterThan(20);
    expect(summary.max).toBeLessThan(STALL_MS);

    await sandbox.expectCli(['daemon', 'stop'], 0, 30_000);
    expect(isAlive(pid)).toBe(false);
    expect(sandbox.ownProcesses()).toEqual([]);
  }, 240_000);
});

/**
 * Issue 11, defect 2, with the real adapters: an ssh service whose host is longer than one argument
 * may be on Linux (128 KiB) makes `spawn` throw E2BIG. That must be a failed launch like any other,
 * and must never wedge a reload or a stop.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger, OpenClusterGate, Supervisor } from '@localport/application';
import { anSshService, aRestartPolicy } from '@localport/application/testing';
import { CompositeHealthProber, FileServiceLogs, findPortOwner, MathRandom, SshTunnelLauncher, SystemClock, TcpListenerFactory } from '@localport/infrastructure';
import { freePort, waitUntil } from '@localport/testing/loopback';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => quiet };

/** Fails the test if `p` takes longer than `ms`. */
const within = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms).unref())]);

// Each step below is bounded by its own `within`; this is the envelope (a 1 MB argument makes every spawn and log line slow).
jest.setTimeout(30_000);

describe('a launch that cannot even spawn (real ssh launcher)', () => {
  let dir: string;
  let supervisor: Supervisor;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lp-e2big-'));
    supervisor = new Supervisor({
      launchers: [new SshTunnelLauncher({ runtimeDir: join(dir, 'run') })], listeners: new TcpListenerFactory(findPortOwner), prober: new CompositeHealthProber(),
      gate: new OpenClusterGate(), clock: new SystemClock(), random: new MathRandom(), logger: quiet, serviceLogs: new FileServiceLogs(join(dir, 'logs')), startTimeoutMs: 5_000,
    });
  });

  afterEach(async () => {
    await supervisor.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('spawn E2BIG is a failed launch: the restart policy runs, then failed with the reason; reloads and stop still answer', async () => {
    const huge = anSshService({ name: 'huge', localPort: await freePort(), connection: { technology: 'ssh', host: 'h'.repeat(1024 * 1024), port: 22 as never, remoteHost: '127.0.0.1', strictHostKeyChecking: 'yes', options: {} }, restartPolicy: aRestartPolicy({ maxAttempts: 2, initialDelayMs: 100 }) });
    await within(supervisor.apply([huge]), 5_000, 'the first reload');
    expect(supervisor.get('huge')!.snapshot().lastError).toMatch(/E2BIG/);
    await waitUntil(() => supervisor.get('huge')!.snapshot().state === 'failed', 10_000, 'huge failed');
    expect(supervisor.get('huge')!.snapshot().lastError).toMatch(/E2BIG.*gave up after 2 restart attempts/);
    const closed = await freePort(); // nothing listens there: ssh is refused on loopback
    const fine = anSshService({ name: 'other', localPort: await freePort(), connection: { technology: 'ssh', host: '127.0.0.1', port: closed as never, remoteHost: '127.0.0.1', strictHostKeyChecking: 'yes', options: {} }, restartPolicy: aRestartPolicy({ enabled: false }) });
    await within(supervisor.apply([{ ...huge, localPort: await freePort() as never }, fine]), 5_000, 'the second reload');
    await within(supervisor.stop({ all: true }), 5_000, 'stop');
    expect(supervisor.snapshots().map((s) => s.state)).toEqual(['stopped', 'stopped']);
  });
});

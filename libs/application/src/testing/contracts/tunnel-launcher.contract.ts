import { Result, Service } from '@localport/domain';
import { LaunchOptions, RunningTunnel, TunnelError, TunnelLauncher, UpstreamEndpoint } from '../../ports/tunnel-launcher.port';

/** A target that accepts connections and never answers: the launch waits on it. */
export interface SilentTarget {
  readonly service: Service;
  /** Resolves once the launch is connected and waiting. */
  readonly accepted: Promise<void>;
  /** Resolves once every connection the launch made to the target is closed (nothing left running). */
  closedAll(): Promise<void>;
  stop(): Promise<void>;
}

/** What the contract needs from the world around one TunnelLauncher: the fake or a real adapter with real servers. */
export interface TunnelLauncherHarness {
  readonly launcher: TunnelLauncher;
  /** A service whose upstream is up. */
  reachable(): Service;
  /** A service whose target refuses connections. */
  unreachable(): Promise<Service>;
  /** A launcher of the same technology whose program is missing. */
  missingProgram(): TunnelLauncher;
  silent(): Promise<SilentTarget>;
  /** True while `endpoint` is there: it accepts connections, or (a Unix socket) its file is left behind. */
  endpointOpen(endpoint: UpstreamEndpoint): Promise<boolean>;
  /** True once the tunnel's process (if it has one) no longer exists. */
  processGone(tunnel: RunningTunnel): Promise<boolean>;
  /** What a refused target's error message says, where the adapter promises it. */
  readonly unreachableMessage?: RegExp;
  /** Kills the tunnel's process with SIGKILL, as the OOM killer or `kill -9` would. */
  kill(tunnel: RunningTunnel): void;
  /** Lets `ms` pass (the fake's clock; real adapters wait on their own). */
  passTime(ms: number): Promise<void>;
  close(): Promise<void>;
}

const options = (over: Partial<LaunchOptions> = {}): LaunchOptions => ({ signal: new AbortController().signal, output: () => undefined, startTimeoutMs: 30_000, ...over });
const tunnelOf = (r: Result<RunningTunnel, TunnelError>): RunningTunnel => {
  if (!r.ok) throw new Error(`launch failed: ${r.error.code} ${r.error.message}`);
  return r.value;
};

/**
 * The TunnelLauncher contract: what the supervisor relies on, checked against the fake and each
 * real adapter. Failures are results with a `TUNNEL.*` code, never throws; `exited` never rejects.
 */
export function describeTunnelLauncherContract(name: string, make: () => Promise<TunnelLauncherHarness>, timeoutMs = 60_000): void {
  describe(`TunnelLauncher contract: ${name}`, () => {
    let h: TunnelLauncherHarness;
    const running: RunningTunnel[] = [];
    const launch = async (s: Service, o = options(), launcher = h.launcher) => {
      const r = await launcher.launch(s, o);
      if (r.ok) running.push(r.value);
      return r;
    };
    beforeAll(async () => {
      h = await make();
    }, timeoutMs);
    afterEach(async () => {
      await Promise.all(running.splice(0).map((t) => t.stop()));
    }, timeoutMs);
    afterAll(() => h?.close(), timeoutMs);

    it('resolves once the endpoint accepts connections; stop() ends it, exited resolves and the endpoint is gone', async () => {
      const tunnel = tunnelOf(await launch(h.reachable()));
      expect(await h.endpointOpen(tunnel.endpoint)).toBe(true);
      expect(tunnel.pid === null || (Number.isInteger(tunnel.pid) && tunnel.pid > 0)).toBe(true);
      await tunnel.stop();
      expect(await h.processGone(tunnel)).toBe(true);
      const exit = await tunnel.exited;
      expect(exit.error).toBeInstanceOf(TunnelError);
      expect(exit.error.message).toMatch(/stopped/);
      expect(await h.endpointOpen(tunnel.endpoint)).toBe(false);
    }, timeoutMs);

    it('resolves exited with TUNNEL.EXITED naming the signal when its process is killed', async () => {
      const tunnel = tunnelOf(await launch(h.reachable()));
      h.kill(tunnel);
      expect(await tunnel.exited).toMatchObject({ signal: 'SIGKILL', error: { code: 'TUNNEL.EXITED', message: expect.stringContaining('SIGKILL') } });
      expect(await h.endpointOpen(tunnel.endpoint)).toBe(false);
    }, timeoutMs);

    it('reports a target that refuses connections as TUNNEL.UNREACHABLE', async () => {
      expect(await launch(await h.unreachable())).toMatchObject({ ok: false, error: { code: 'TUNNEL.UNREACHABLE', message: expect.stringMatching(h.unreachableMessage ?? /./) } });
    }, timeoutMs);

    it('reports a missing program as TUNNEL.BINARY_MISSING, permanent', async () => {
      expect(await launch(h.reachable(), options(), h.missingProgram())).toMatchObject({ ok: false, error: { code: 'TUNNEL.BINARY_MISSING', permanent: true } });
    }, timeoutMs);

    it('does not start at all when the launch was cancelled before it began', async () => {
      const controller = new AbortController();
      controller.abort();
      expect(await launch(h.reachable(), options({ signal: controller.signal }))).toMatchObject({ ok: false, error: { code: 'TUNNEL.EXITED', message: expect.stringMatching(/cancelled/) } });
    }, timeoutMs);

    it('gives up with TUNNEL.START_TIMEOUT on a target that never answers, and leaves nothing running', async () => {
      const silent = await h.silent();
      try {
        const launched = launch(silent.service, options({ startTimeoutMs: 1_500 }));
        await silent.accepted;
        await h.passTime(1_500);
        expect(await launched).toMatchObject({ ok: false, error: { code: 'TUNNEL.START_TIMEOUT' } });
        await expect(silent.closedAll()).resolves.toBeUndefined();
      } finally {
        await silent.stop();
      }
    }, timeoutMs);

    it('ends a launch in progress when it is aborted, and leaves nothing running', async () => {
      const silent = await h.silent();
      try {
        const controller = new AbortController();
        const launched = launch(silent.service, options({ signal: controller.signal }));
        await silent.accepted;
        controller.abort();
        expect(await launched).toMatchObject({ ok: false, error: { code: 'TUNNEL.EXITED', message: expect.stringMatching(/cancelled/) } });
        await expect(silent.closedAll()).resolves.toBeUndefined();
      } finally {
        await silent.stop();
      }
    }, timeoutMs);
  });
}

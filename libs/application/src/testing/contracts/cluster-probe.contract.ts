import { ClusterCheckOutcome, ClusterHealthSettings, ClusterObservation } from '@localport/domain';
import { ClusterProbe } from '../../ports/cluster-probe.port';

/** What the contract needs around one ClusterProbe: the fake, or a real provider against the test API server. */
export interface ClusterProbeHarness {
  readonly probe: ClusterProbe;
  /** The time the probe stamps on its outcomes. */
  readonly now: number;
  /** A healthy context with at least one node. */
  readonly context: string;
  /** A context whose API server does not answer at all (accepts, never replies). */
  readonly hungContext: string;
  settings(): ClusterHealthSettings;
  /** Adds a Warning event seen at `lastSeen` (epoch ms) to the healthy context's cluster. */
  addWarning(reason: string, lastSeen: number): void;
  /** The exact words for the healthy context's server once stopped. */
  refusedError(): string;
  /** What the error for a context the kubeconfig lacks says. */
  unknownContextError(context: string): string | RegExp;
  /** Stops and restarts the healthy context's API server. */
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  /** Waits until a check of the hung context is under way (real probes: its first request is out). */
  checkUnderWay(): Promise<void>;
  close(): Promise<void>;
}

const live = (includeEvents: boolean) => ({ includeEvents, signal: new AbortController().signal });

function observed(outcome: ClusterCheckOutcome): ClusterObservation {
  if (!outcome.reachable) throw new Error(`expected a reachable outcome, got: ${outcome.error}`);
  return outcome.observation;
}

/**
 * The ClusterProbe contract: an outcome for everything (never a throw), events only when asked
 * for and newest first, kubectl's own words for a refused server, an abort ends the check at once.
 */
export function describeClusterProbeContract(name: string, make: () => Promise<ClusterProbeHarness>, timeoutMs = 60_000): void {
  describe(`ClusterProbe contract: ${name}`, () => {
    let h: ClusterProbeHarness;
    beforeAll(async () => {
      h = await make();
    }, timeoutMs);
    afterAll(() => h?.close(), timeoutMs);

    it('sees a reachable cluster: its context, server, nodes, no error; no events unless asked for', async () => {
      const obs = observed(await h.probe.check(h.context, h.settings(), live(false)));
      expect(obs.info).toMatchObject({ context: h.context, reachable: true, error: null, checkedAt: h.now, apiServerUrl: expect.stringMatching(/^https?:\/\/127\.0\.0\.1:\d+$/) });
      expect(obs.nodes.length).toBeGreaterThan(0);
      expect(obs.events).toEqual([]);
    }, timeoutMs);

    it('lists warning events newest first when asked for', async () => {
      h.addWarning('ContractOlder', h.now - 120_000);
      h.addWarning('ContractNewer', h.now - 60_000);
      const events = observed(await h.probe.check(h.context, h.settings(), live(true))).events;
      const ours = events.filter((e) => e.reason.startsWith('Contract')).map((e) => e.reason);
      expect(ours).toEqual(['ContractNewer', 'ContractOlder']);
      expect(events.map((e) => e.lastSeen)).toEqual([...events.map((e) => e.lastSeen)].sort((a, b) => b - a));
    }, timeoutMs);

    it("reports a stopped API server with kubectl's words, as an outcome, well within the timeout", async () => {
      await h.stopServer();
      try {
        const started = Date.now();
        expect(await h.probe.check(h.context, { ...h.settings(), timeoutMs: 10_000 }, live(true))).toEqual({ reachable: false, error: h.refusedError(), at: h.now });
        expect(Date.now() - started).toBeLessThan(10_000);
      } finally {
        await h.startServer();
      }
    }, timeoutMs);

    it('reports a context the kubeconfig does not have, naming it', async () => {
      const expected = h.unknownContextError('no-such-context');
      expect(await h.probe.check('no-such-context', h.settings(), live(false))).toEqual({
        reachable: false, error: typeof expected === 'string' ? expected : expect.stringMatching(expected), at: h.now,
      });
    }, timeoutMs);

    it('stops at once when the check is aborted', async () => {
      const controller = new AbortController();
      const checking = h.probe.check(h.hungContext, { ...h.settings(), timeoutMs: 30_000 }, { includeEvents: false, signal: controller.signal });
      await h.checkUnderWay();
      controller.abort();
      expect(await checking).toMatchObject({ reachable: false, error: 'cluster check aborted' });
    }, timeoutMs);
  });
}

import { TunnelLauncher } from '@localport/application';
import { bulkEcho, converse, echoes, establishedEcho } from './kube-client-traffic';
import { KubeForwardFixture, kubeService, launchOptions } from './kube-forward-fixture';

/** What a Kubernetes forwarder can do beyond the common contract; the cases it cannot do are skipped and named so. */
export interface KubeForwardCapabilities {
  /** Follows the target's Ready pods without a relaunch (pods replaced, NotReady). */
  readonly retargets: boolean;
  /** Keeps serving across an API server outage without a relaunch. */
  readonly survivesOutage: boolean;
  /** A kubelet error on one connection resets that connection only. */
  readonly survivesPodErrors: boolean;
  /** A client's half-close reaches the pod (SPDY can; v4.channel cannot signal it). */
  readonly halfCloseReachesPod: boolean;
}

/**
 * The behaviour every Kubernetes forwarder (native, kubectl process) must show against the fake API server with
 * real TLS, with a real relay listener in front as in the daemon. `makeUpstream` builds the launcher under test
 * for a directory holding the fake's `kubeconfig`.
 */
export function describeKubeForwardContract(name: string, makeUpstream: (kubeconfigDir: string) => TunnelLauncher, caps: KubeForwardCapabilities): void {
  describe(`${name} (Kubernetes forward contract)`, () => {
    const fx = new KubeForwardFixture();
    let launcher: TunnelLauncher;
    const when = (flag: boolean) => (flag ? it : it.skip);

    beforeAll(async () => {
      await fx.setUp();
      launcher = makeUpstream(fx.dir);
    });
    beforeEach(() => fx.reset());
    afterEach(() => fx.afterEach());
    afterAll(() => fx.tearDown());

    it.each([
      ['pod', 'web-a', 80],
      ['service', 'web', 8080],
      ['service', 'db', 5432],
      ['deployment', 'web', 80],
      ['statefulset', 'db', 5432],
    ] as const)('forwards %s/%s:%d (service ports by name and by number)', async (resourceType, resourceName, port) => {
      const { port: local } = await fx.relay(launcher, kubeService({ resourceType, resourceName }, port));
      expect(await echoes(local)).toBe(true);
    });

    it('moves 100 MB both ways intact (sha256 of each direction)', async () => {
      const { port } = await fx.relay(launcher, kubeService({}, 80));
      const result = await bulkEcho(port, 100 * 1024 * 1024);
      expect(result.receivedBytes).toBe(100 * 1024 * 1024);
      expect(result.received).toBe(result.sent);
    });

    it('serves 200 concurrent connections', async () => {
      const { port, listener } = await fx.relay(launcher, kubeService({ resourceType: 'deployment', resourceName: 'web' }, 80));
      const results = await Promise.all(Array.from({ length: 200 }, () => echoes(port, 16 * 1024)));
      expect(results.filter((ok) => !ok)).toHaveLength(0);
      expect(listener.stats().connectionsTotal).toBe(200);
    });

    it('half-close: a client that ends its side still gets the reply and then the pod side FIN', async () => {
      await fx.backPodWithLineReply('web-a', 80);
      const { port } = await fx.relay(launcher, kubeService({}, 80));
      expect(await converse(port, 'hello\n', true)).toEqual({ reply: 'got hello\n', ended: true, error: undefined });
    });

    when(caps.halfCloseReachesPod)('half-close reaches the pod (it answers only after EOF)', async () => {
      await fx.backPod('web-a', 80, 'digest');
      const { port } = await fx.relay(launcher, kubeService({}, 80));
      expect((await converse(port, 'abc', true)).reply).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad 3\n');
    });

    it('nothing listening in the pod: that client connection gets no bytes and is closed', async () => {
      delete fx.fake.state.portTargets['default/web-a'];
      const { port, tunnel } = await fx.relay(launcher, kubeService({}, 80));
      const outcome = await converse(port, 'anyone?\n', false);
      expect(outcome.reply).toBe('');
      await fx.backPod('web-a', 80);
      if (caps.survivesPodErrors) {
        expect(await echoes(port)).toBe(true);
      } else {
        expect((await tunnel.exited).error.code).toBe('TUNNEL.LOST_CONNECTION');
      }
    });

    it('reports a missing pod as TUNNEL.NOT_FOUND and refused credentials as TUNNEL.AUTH (permanent)', async () => {
      expect(await launcher.launch(kubeService({ resourceName: 'nope-0' }, 80), launchOptions())).toMatchObject({ ok: false, error: { code: 'TUNNEL.NOT_FOUND' } });
      fx.fake.rejectedTokens.add('fake-token-fake');
      expect(await launcher.launch(kubeService({}, 80), launchOptions())).toMatchObject({ ok: false, error: { code: 'TUNNEL.AUTH', permanent: true } });
    });

    it('API server outage and return: it serves again afterwards (without a relaunch where it survives outages)', async () => {
      const service = kubeService({ resourceType: 'deployment', resourceName: 'web' }, 80);
      let relayed = await fx.relay(launcher, service);
      expect(await echoes(relayed.port)).toBe(true);
      await fx.fake.stop();
      await new Promise((resolve) => setTimeout(resolve, 500));
      await fx.fake.start();
      if (!caps.survivesOutage) {
        expect((await relayed.tunnel.exited).error.code).toMatch(/^TUNNEL\.(LOST_CONNECTION|UNREACHABLE)$/);
        relayed = await fx.relay(launcher, service);
      }
      expect(await echoes(relayed.port)).toBe(true);
    });

    when(caps.retargets)('pod deleted and replaced: its connections end; new ones reach a Ready pod within 2 s', async () => {
      const { port } = await fx.relay(launcher, kubeService({ resourceType: 'deployment', resourceName: 'web' }, 80));
      const open = await establishedEcho(port);
      expect(fx.servers.get('web-a')!.accepted()).toBeGreaterThan(0);
      const replacedAt = Date.now();
      await fx.replacePod('web-a', 'web-c');
      expect(await open.closed).toEqual({ error: 'ECONNRESET' });
      expect(Date.now() - replacedAt).toBeLessThan(2_000);
      while (!(await echoes(port, 1024))) expect(Date.now() - replacedAt).toBeLessThan(2_000);
      expect(Date.now() - replacedAt).toBeLessThan(2_000);
      // served, not accepted: a spare opened to web-a just before it went is dialled but never used.
      const before = fx.servers.get('web-a')!.served();
      await Promise.all(Array.from({ length: 10 }, () => echoes(port, 1024)));
      expect(fx.servers.get('web-a')!.served()).toBe(before);
    });

    when(caps.retargets)('single pod replaced: a connection made while none is Ready waits and reaches the new pod', async () => {
      const { port } = await fx.relay(launcher, kubeService({ resourceType: 'statefulset', resourceName: 'db' }, 5432));
      expect(await echoes(port)).toBe(true);
      const old = fx.fake.state.pods.find((p) => p.name === 'db-0')!;
      fx.fake.state.pods = fx.fake.state.pods.filter((p) => p !== old);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const waiting = echoes(port);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const backed = await fx.backPod('db-0', 5432);
      fx.fake.state.pods.push({ ...old, uid: `${old.uid}-2` });
      expect(await waiting).toBe(true);
      expect(backed.accepted()).toBeGreaterThan(0);
    });

    when(caps.retargets)('pod NotReady: its connections end; new ones go to the other Ready pod within 2 s', async () => {
      const { port } = await fx.relay(launcher, kubeService({ resourceType: 'service', resourceName: 'web' }, 8080));
      const open = await establishedEcho(port);
      expect(fx.servers.get('web-a')!.accepted()).toBeGreaterThan(0);
      const at = Date.now();
      fx.fake.state.pods.find((p) => p.name === 'web-a')!.ready = false;
      expect(await open.closed).toEqual({ error: 'ECONNRESET' });
      expect(Date.now() - at).toBeLessThan(2_000);
      // served, not accepted: a spare opened to web-a just before it went NotReady is dialled but never used.
      const onA = fx.servers.get('web-a')!.served();
      const onB = fx.servers.get('web-b')!.served();
      expect(await echoes(port)).toBe(true);
      expect(fx.servers.get('web-a')!.served()).toBe(onA);
      expect(fx.servers.get('web-b')!.served()).toBe(onB + 1);
    });
  });
}

import { FakeClock, RecordingLogger } from '@localport/application/testing';
import { writeKubeconfigFile } from '@localport/testing/kube';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { loadKubeConfig } from '../cluster/kubeconfig-loader';
import { SystemClock } from '../clock/system-clock.adapter';
import { NativeKubeTunnelLauncher, NativeRunningTunnel } from './native-kube-tunnel-launcher.adapter';
import { converse, echoes, establishedEcho } from './testing/kube-client-traffic';
import { KubeForwardFixture, kubeService, launchOptions, unwrapTunnel } from './testing/kube-forward-fixture';
import { startStallableProxy } from './testing/stallable-proxy';

jest.setTimeout(60_000);

describe(NativeKubeTunnelLauncher.name, () => {
  const fx = new KubeForwardFixture();
  const log = new RecordingLogger();
  const loader = (file = join(fx.dir, 'kubeconfig')) => () => loadKubeConfig({ env: { KUBECONFIG: file } });
  const native = (opts: ConstructorParameters<typeof NativeKubeTunnelLauncher>[3] = {}, clock = new SystemClock(), file?: string) =>
    new NativeKubeTunnelLauncher(loader(file), log, clock, opts);

  beforeAll(() => fx.setUp());
  beforeEach(async () => {
    log.entries.length = 0;
    await fx.reset();
  });
  afterEach(() => fx.afterEach());
  afterAll(() => fx.tearDown());

  it('has no process, an in-process stream endpoint, and names the pod it targets', async () => {
    const options = launchOptions();
    const tunnel = unwrapTunnel(await native().launch(kubeService({ resourceType: 'service', resourceName: 'web' }, 8080), options)) as NativeRunningTunnel;
    try {
      expect(tunnel.pid).toBeNull();
      expect(tunnel.endpoint).toMatchObject({ kind: 'stream', label: expect.stringMatching(/^native service\/web:8080 #\d+$/) });
      expect(tunnel.target()).toMatchObject({ name: 'web-a', port: 80 });
      expect(tunnel.route?.()).toEqual({ forwarder: 'native', pod: 'default/web-a' });
      expect(options.lines).toEqual([expect.stringContaining('Forwarding natively to service/web:8080 in context fake (pod web-a)')]);
    } finally {
      await tunnel.stop();
    }
    expect((await tunnel.exited).error.message).toMatch(/stopped/);
  });

  it('balance round-robin spreads new connections over every Ready pod', async () => {
    const { port } = await fx.relay(native({ balance: () => 'round-robin' }), kubeService({ resourceType: 'deployment', resourceName: 'web' }, 80));
    for (let i = 0; i < 10; i++) expect(await echoes(port, 1024)).toBe(true);
    expect(fx.servers.get('web-a')!.accepted()).toBeGreaterThanOrEqual(4);
    expect(fx.servers.get('web-b')!.accepted()).toBeGreaterThanOrEqual(4);
  });

  it('a pod deleted just before a connection: it goes to the other Ready pod, the forward stays up', async () => {
    for (let round = 0; round < 3; round++) {
      await fx.reset();
      const { port, tunnel } = await fx.relay(native({ spare: false }), kubeService({ resourceType: 'deployment', resourceName: 'web' }, 80, `web${round}`));
      const first = (tunnel as NativeRunningTunnel).target()!.name;
      const other = first === 'web-a' ? 'web-b' : 'web-a';
      const before = fx.servers.get(other)!.accepted();
      fx.fake.state.pods = fx.fake.state.pods.filter((p) => p.name !== first);
      expect(await echoes(port, 1024)).toBe(true);
      expect(fx.servers.get(other)!.accepted()).toBe(before + 1);
      expect((tunnel as NativeRunningTunnel).target()?.name).toBe(other);
      let exited = false;
      void tunnel.exited.then(() => (exited = true));
      await new Promise((resolve) => setImmediate(resolve));
      expect(exited).toBe(false);
      await fx.afterEach();
    }
  });

  it('keeps a spare WebSocket open, so a new connection needs no upgrade of its own', async () => {
    const { port, tunnel } = await fx.relay(native(), kubeService({}, 80));
    expect(await echoes(port, 1024)).toBe(true);
    const sessions = (): number => fx.fake.portForwardSessions.filter((s) => s.pod === 'web-a').length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sessions()).toBe(2); // the first connection's and the spare
    expect(await echoes(port, 1024)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sessions()).toBe(3); // the second connection took the spare; one new spare
    expect((tunnel as NativeRunningTunnel).counters.connections).toBe(2);
  });

  it('counts and logs a kubelet error, resets only that connection, and keeps serving', async () => {
    delete fx.fake.state.portTargets['default/web-a'];
    const { port, tunnel } = await fx.relay(native({ spare: false }), kubeService({}, 80));
    const refused = await converse(port, 'x', false);
    expect(refused).toMatchObject({ reply: '', error: 'ECONNRESET' });
    expect((tunnel as NativeRunningTunnel).counters.podErrors).toBe(1);
    expect(log.entries).toContainEqual(expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ error: expect.stringContaining('error forwarding port 80') }) }));
    await fx.backPod('web-a', 80);
    expect(await echoes(port)).toBe(true);
  });

  it('an API server whose certificate the kubeconfig CA did not sign: TUNNEL.AUTH in user words, no OpenSSL string', async () => {
    const other = await generate([{ name: 'commonName', value: 'another-ca' }], { keyType: 'ec', algorithm: 'sha256', extensions: [{ name: 'basicConstraints', cA: true }] });
    const file = join(fx.dir, 'wrong-ca.kubeconfig');
    writeKubeconfigFile(file, { url: fx.fake.url, caPem: other.cert });
    const result = await native({ spare: false }, new SystemClock(), file).launch(kubeService({}, 80), launchOptions());
    expect(result).toMatchObject({ ok: false, error: { code: 'TUNNEL.AUTH', permanent: true } });
    const message = result.ok ? '' : result.error.message;
    expect(message).toMatch(/^web: the API server of context fake cannot be trusted: .*the server's TLS certificate is not signed by a CA this side trusts \(wrong certificate-authority-data in the kubeconfig\?\) \(TLS\.UNTRUSTED_CERT\)$/);
    expect(message).not.toMatch(/SELF_SIGNED|self-signed|ERR_|SSL routines|forwarder: kubectl/);
    // The raw text is kept for whoever debugs it.
    expect(log.entries).toContainEqual({ level: 'debug', message: 'native forward failed', fields: { service: 'web', error: expect.stringContaining('TLS.UNTRUSTED_CERT'), raw: expect.stringMatching(/self-signed certificate/) } });
  });

  it('credentials refused while running: exited resolves with TUNNEL.AUTH naming "forwarder: kubectl"', async () => {
    const { tunnel, port } = await fx.relay(native({ spare: false }), kubeService({}, 80));
    fx.fake.rejectedTokens.add('fake-token-fake');
    await converse(port, 'x', false);
    const exit = await tunnel.exited;
    expect(exit.error).toMatchObject({ code: 'TUNNEL.AUTH', permanent: true });
    expect(exit.error.message).toMatch(/context fake.*Unauthorized.*forwarder: kubectl/s);
  });

  it('a dead API connection (bytes stop, nothing closes) is noticed within two ping periods', async () => {
    const proxy = await startStallableProxy(fx.fake.port);
    const file = join(fx.dir, 'kubeconfig-proxied');
    writeKubeconfigFile(file, { url: `https://127.0.0.1:${proxy.port}`, caPem: fx.fake.certificateAuthority });
    const clock = new FakeClock();
    try {
      const { port, tunnel } = await fx.relay(native({ pingIntervalMs: 10_000, spare: false }, clock, file), kubeService({}, 80));
      const open = await establishedEcho(port);
      await clock.advance(10_000); // ping; the pong comes back
      await new Promise((resolve) => setTimeout(resolve, 200));
      await clock.advance(10_000);
      expect((tunnel as NativeRunningTunnel).counters.deadConnections).toBe(0);
      proxy.stall();
      await clock.advance(10_000); // ping, unanswered
      await new Promise((resolve) => setTimeout(resolve, 200));
      await clock.advance(10_000); // 20 s after the stall: found dead
      expect(await open.closed).toEqual({ error: 'ECONNRESET' });
      expect((tunnel as NativeRunningTunnel).counters.deadConnections).toBe(1);
      expect(log.messages('warn')).toContainEqual(expect.stringContaining('stopped answering pings'));
    } finally {
      await proxy.close();
    }
  });
});

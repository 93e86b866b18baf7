import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, Server, Socket } from 'node:net';
import { freePort } from '@localport/testing/loopback';
import { roundTrip } from '@localport/testing/net';
import { describeWithBuild } from './support/built-artifacts';
import { request } from './support/control-socket';
import { configYaml, ServiceEntry } from './support/e2e-config';
import { E2eSandbox } from './support/e2e-sandbox';
import { serviceOf, StatusJson } from './support/status-json';

/** An echo server on a fixed loopback port, so it can be killed and brought back where the service expects it. */
class EchoOnPort {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  accepted = 0;
  constructor(readonly port: number) {}

  async start(): Promise<this> {
    const server = createServer((socket) => {
      this.accepted++;
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => socket.destroy());
      socket.pipe(socket);
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.port, '127.0.0.1', () => resolve()));
    this.server = server;
    return this;
  }

  /** Closes the listener and resets every connection: the target is gone. */
  async kill(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.resetAndDestroy();
    if (server) await new Promise((r) => server.close(r));
  }
}

const tcpService = (name: string, localPort: number, target: number): ServiceEntry => ({
  name, technology: 'tcp', local_port: localPort, connection: { host: '127.0.0.1', port: target },
});

async function expectRoundTrip(port: number): Promise<void> {
  const payload = randomBytes(16 * 1024);
  expect((await roundTrip({ host: '127.0.0.1', port }, payload, 15_000)).equals(payload)).toBe(true);
}

/** The service-log lines stamped at or after `since` (an ISO time; the stamps sort as strings). */
const linesSince = (log: string, since: string): string[] => log.split('\n').filter((l) => l.length > 0 && l.slice(0, 24) >= since);

const up = (name: string) => (s: StatusJson) => s.services.some((x) => x.name === name && x.state === 'running' && x.healthy);

describeWithBuild('technology: tcp (built CLI + daemon, real loopback servers)', () => {
  let sandbox: E2eSandbox;
  let first: EchoOnPort;
  let second: EchoOnPort;
  let local = 0;

  beforeAll(async () => {
    sandbox = E2eSandbox.create('tcp');
    first = await new EchoOnPort(await freePort()).start();
    second = await new EchoOnPort(await freePort()).start();
    local = await freePort();
    sandbox.writeConfig(configYaml([tcpService('db', local, first.port)]));
  }, 30_000);

  afterAll(async () => {
    await sandbox?.cleanup();
    await Promise.all([first?.kill(), second?.kill()]);
  }, 60_000);

  it('starts, round-trips, and shows in status as a tcp forward with no process and no cluster', async () => {
    await sandbox.expectCli(['start', '--all', '--wait', '--timeout', '30'], 0, 60_000);
    await expectRoundTrip(local);
    const db = serviceOf(await sandbox.status(), 'db') as ReturnType<typeof serviceOf> & { target: string };
    expect(String(db.technology)).toBe('tcp');
    expect(db).toMatchObject({ state: 'running', healthy: true, context: null, pid: null, target: `127.0.0.1:${first.port}` });
  }, 90_000);

  it('logs, run as soon as a restart has answered, already shows it: the daemon writes out the lines it holds first', async () => {
    // The daemon holds service-log lines for up to 500 ms. The restart goes straight to the socket, so the CLI's
    // own start-up is all that separates the lines being written from `logs` reading the file.
    const since = new Date().toISOString();
    await request(sandbox.socketPath, 'restart', { names: ['db'] });
    const r = await sandbox.expectCli(['logs', 'db'], 0);
    expect(linesSince(r.stdout, since)).toEqual([
      expect.stringContaining(`starting tcp tunnel to 127.0.0.1:${first.port}`),
      expect.stringContaining(`connecting to 127.0.0.1:${first.port} to check it answers`),
      expect.stringContaining(`127.0.0.1:${first.port} answers; forwarding to it`),
    ]);
  }, 30_000);

  it('logs.flush on the control socket writes out what the daemon holds', async () => {
    const file = (await sandbox.expectCli(['logs', 'db', '--path'], 0)).stdout.trim();
    const since = new Date().toISOString();
    await request(sandbox.socketPath, 'restart', { names: ['db'] });
    await request(sandbox.socketPath, 'logs.flush');
    expect(linesSince(readFileSync(file, 'utf8'), since).at(-1)).toContain(`127.0.0.1:${first.port} answers; forwarding to it`);
  }, 30_000);

  it('the target dies: the service leaves running; the target comes back: the service recovers on its own', async () => {
    const before = serviceOf(await sandbox.status(), 'db').restarts;
    await first.kill();
    // A client arriving now finds the target refusing; the relay reports it and the service restarts.
    await roundTrip({ host: '127.0.0.1', port: local }, Buffer.from('x'), 3_000).catch(() => undefined);
    await sandbox.waitForStatus((s) => serviceOf(s, 'db').state !== 'running' || !serviceOf(s, 'db').healthy, 'the service noticing its dead target', 15_000);
    await first.start();
    const s = await sandbox.waitForStatus(up('db'), 'the service recovering', 30_000);
    expect(serviceOf(s, 'db').restarts).toBeGreaterThan(before);
    await expectRoundTrip(local);
  }, 90_000);

  it('hot reload: a changed connection port moves the forward to the new target', async () => {
    const accepted = second.accepted;
    sandbox.writeConfig(configYaml([tcpService('db', local, second.port)]));
    await sandbox.waitForStatus((s) => (serviceOf(s, 'db') as { target?: string }).target === `127.0.0.1:${second.port}` && up('db')(s), 'the reload to the new port', 30_000);
    await expectRoundTrip(local);
    expect(second.accepted).toBeGreaterThan(accepted);
  }, 60_000);

  it('logs what the forward did', async () => {
    const r = await sandbox.expectCli(['logs', 'db'], 0);
    expect(r.stdout).toContain(`starting tcp tunnel to 127.0.0.1:${first.port}`);
    expect(r.stdout).toContain(`starting tcp tunnel to 127.0.0.1:${second.port}`);
    expect(r.stdout).toMatch(/connection refused/);
  }, 30_000);
});

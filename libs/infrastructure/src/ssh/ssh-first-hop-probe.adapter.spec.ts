import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TcpHostProbe } from '../net/tcp-host-probe.adapter';
import { SshFirstHopProbe } from './ssh-first-hop-probe.adapter';

/** Records where the TCP probe was sent, and probes for real. */
class RecordingProbe extends TcpHostProbe {
  readonly asked: string[] = [];
  override reachable(host: string, port: number, timeoutMs: number): Promise<boolean> {
    this.asked.push(`${host}:${port}`);
    return super.reachable(host, port, timeoutMs);
  }
}

describe(SshFirstHopProbe.name, () => {
  let dir: string;
  let server: Server;
  let port: number;
  let closedPort: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lp-first-hop-'));
    server = createServer((s) => s.destroy());
    port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
    const other = createServer();
    closedPort = await new Promise<number>((resolve) => other.listen(0, '127.0.0.1', () => resolve((other.address() as { port: number }).port)));
    await new Promise((resolve) => other.close(resolve));
    writeFileSync(
      join(dir, 'config'),
      [
        'Host alias-up', '  HostName 127.0.0.1', `  Port ${port}`,
        'Host alias-down', '  HostName 127.0.0.1', `  Port ${closedPort}`,
        'Host behind-jump', '  HostName 10.255.255.1', '  ProxyJump alias-up',
        'Host behind-command', '  ProxyCommand nc %h %p',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const make = () => {
    const tcp = new RecordingProbe();
    return { tcp, probe: new SshFirstHopProbe(tcp, { configFile: join(dir, 'config') }) };
  };

  it('probes the HostName an ~/.ssh/config alias names, on the port the tunnel gives (-p wins, as for ssh)', async () => {
    const { tcp, probe } = make();
    expect(await probe.reachable('alias-up', port, 1_000)).toBe(true);
    expect(await probe.reachable('alias-down', closedPort, 1_000)).toBe(false);
    expect(tcp.asked).toEqual([`127.0.0.1:${port}`, `127.0.0.1:${closedPort}`]);
  });

  it('probes the first hop of a ProxyJump (its HostName and Port from the config), not the host behind it', async () => {
    const { tcp, probe } = make();
    expect(await probe.reachable('behind-jump', 22, 1_000)).toBe(true);
    expect(tcp.asked).toEqual([`127.0.0.1:${port}`]);
  });

  it('through a ProxyCommand there is nothing to probe: never holds the service back', async () => {
    const { tcp, probe } = make();
    expect(await probe.reachable('behind-command', 22, 1_000)).toBe(true);
    expect(tcp.asked).toEqual([]);
  });

  it('a plain address is probed as written', async () => {
    const { tcp, probe } = make();
    expect(await probe.reachable('127.0.0.1', closedPort, 1_000)).toBe(false);
    expect(tcp.asked).toEqual([`127.0.0.1:${closedPort}`]);
  });
});

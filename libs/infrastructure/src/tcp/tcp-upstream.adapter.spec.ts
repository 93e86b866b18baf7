import { formatConfigProblem, LaunchOptions } from '@localport/application';
import { createService, DEFAULT_HEALTH_TIMING, DEFAULT_RESTART_POLICY, PortNumber, Service, unwrap } from '@localport/domain';
import { EchoServer, roundTrip, startEchoServer } from '@localport/testing/net';
import { createServer } from 'node:net';
import { parseConfigText } from '../config/config-parser';
import { renderConfig } from '../config/config-renderer';
import { TECHNOLOGIES } from '../technologies';
import { TcpUpstreamLauncher } from './tcp-upstream.adapter';

const service = (host: string, port: number): Service =>
  unwrap(
    createService({
      name: 'db', localPort: 15432, remotePort: port, bindAddress: '127.0.0.1', connection: { technology: 'tcp', host, port: port as PortNumber },
      target: `${host}:${port}`, kubeContext: null, healthCheck: { type: 'tcp', ...DEFAULT_HEALTH_TIMING }, restartPolicy: DEFAULT_RESTART_POLICY,
      tags: [], enabled: true, connectTimeoutMs: 10_000,
    }),
  );
const options = (overrides: Partial<LaunchOptions> = {}): LaunchOptions => ({ signal: new AbortController().signal, output: () => undefined, startTimeoutMs: 5_000, ...overrides });

/** A loopback port nothing listens on (bound, read, released). */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe(TcpUpstreamLauncher.name, () => {
  let echo: EchoServer;
  beforeAll(async () => (echo = await startEchoServer()));
  afterAll(() => echo.stop());

  it('is registered as technology tcp', () => {
    expect(TECHNOLOGIES.upstreams({ env: {}, runtimeDir: '/nonexistent' }).map((l) => l.technology)).toContain('tcp');
  });

  it('launches once the target answers; the endpoint is the target itself, and stop ends it', async () => {
    const before = echo.connections();
    const tunnel = unwrap(await new TcpUpstreamLauncher().launch(service('127.0.0.1', echo.port), options()));
    expect(tunnel.endpoint).toEqual({ kind: 'tcp', host: '127.0.0.1', port: echo.port });
    expect(tunnel.pid).toBeNull();
    expect(echo.connections()).toBe(before + 1); // the reachability check
    expect((await roundTrip({ host: '127.0.0.1', port: echo.port }, Buffer.from('ping'))).toString()).toBe('ping');
    await tunnel.stop();
    expect((await tunnel.exited).error.message).toContain('stopped');
  });

  it('fails the launch when nothing listens on the target, saying so', async () => {
    const lines: string[] = [];
    const result = await new TcpUpstreamLauncher().launch(service('127.0.0.1', await freePort()), options({ output: (l) => lines.push(l) }));
    expect(result).toMatchObject({ ok: false, error: { code: 'TUNNEL.UNREACHABLE', permanent: false } });
    if (!result.ok) expect(result.error.message).toContain('connection refused');
    expect(lines.at(-1)).toMatch(/^cannot reach 127\.0\.0\.1:\d+: connection refused/);
  });

  it('does not launch when the launch was cancelled (a stop during start)', async () => {
    const abort = new AbortController();
    abort.abort();
    const before = echo.connections();
    const result = await new TcpUpstreamLauncher().launch(service('127.0.0.1', echo.port), options({ signal: abort.signal }));
    expect(result).toMatchObject({ ok: false, error: { code: 'TUNNEL.EXITED', message: 'tcp launch was cancelled' } });
    expect(echo.connections()).toBe(before);
  });
});

describe('technology: tcp in the config', () => {
  const yaml = (connection: string, extra = '') =>
    `version: "1.0"\nservices:\n  - name: db\n    technology: tcp\n    local_port: 15432\n${extra}    connection: ${connection}\n`;

  it('forwards to connection host and port; remote_port may be left out', () => {
    const s = unwrap(parseConfigText(yaml('{host: db.vpn.example, port: 5432}'), 'lp.yaml', {})).config.services[0];
    expect(s).toMatchObject({ technology: 'tcp', remotePort: 5432, target: 'db.vpn.example:5432', kubeContext: null, connection: { technology: 'tcp', host: 'db.vpn.example', port: 5432 } });
  });

  it('takes remote_port when the connection names no port', () => {
    expect(unwrap(parseConfigText(yaml('{host: 10.0.0.5}', '    remote_port: 6379\n'), 'lp.yaml', {})).config.services[0]).toMatchObject({ remotePort: 6379, connection: { port: 6379 } });
  });

  it('refuses a missing port, a bad host and unknown keys with file, line, service and field', () => {
    const errors = (text: string) => {
      const r = parseConfigText(text, 'lp.yaml', {});
      return r.ok ? [] : r.error.problems.map(formatConfigProblem);
    };
    expect(errors(yaml('{host: db}'))).toEqual(['lp.yaml:3: services[0] "db": remote_port is required']);
    expect(errors(yaml('{host: "-oops", port: 1}'))).toEqual([`lp.yaml:6: services[0] "db": connection.host "-oops" is not a host name or IP address (letters, digits, '-', '_' and dots; not starting with '-')`]);
    expect(errors(yaml('{host: db, port: 70000}'))).toEqual(['lp.yaml:6: services[0] "db": connection.port 70000 is not a port (1-65535)']);
  });
});

describe('technology: tcp in config show', () => {
  it('renders a tcp service that parses back to the same service', () => {
    const text = `version: "1.0"\nservices:\n  - name: db\n    technology: tcp\n    local_port: 15432\n    connection: {host: db.vpn.example, port: 5432}\n`;
    const loaded = unwrap(parseConfigText(text, 'lp.yaml', {}));
    const shown = renderConfig(loaded, 'yaml', { redact: false });
    expect(shown).toContain('technology: tcp');
    expect(unwrap(parseConfigText(shown, 'shown.yaml', {})).config.services).toEqual(loaded.config.services);
  });
});

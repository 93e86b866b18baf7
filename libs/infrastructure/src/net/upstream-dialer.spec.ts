import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UpstreamEndpoint } from '@localport/application';
import { unwrap } from '@localport/domain';
import { ControlledUpstream } from '@localport/testing/loopback';
import { TcpListenerFactory } from './tcp-listener-factory.adapter';
import { UpstreamDialer } from './upstream-dialer';

/** An echo server on a Unix socket in its own process, with a tiny backlog, that the test can freeze (SIGSTOP). */
async function frozenableEcho(path: string): Promise<ChildProcess> {
  const script = `require('net').createServer((s) => s.pipe(s)).listen({ path: ${JSON.stringify(path)}, backlog: 2 }, () => process.stdout.write('ready\\n'));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`echo exited ${code}`)));
  });
  return child;
}

const echoOver = (socket: Socket, text: string) =>
  new Promise<string>((resolve, reject) => {
    socket.once('data', (b) => resolve(b.toString()));
    socket.once('error', reject);
    socket.write(text);
  });

function connectTo(port: number): Socket {
  const socket = new Socket();
  socket.connect(port, '127.0.0.1');
  return socket;
}

describe(UpstreamDialer.name, () => {
  let dir: string;
  const children: ChildProcess[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lp-dialer-'));
  });
  afterEach(async () => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });
  /** A signal never aborted (one per dial, as each relay has its own). */
  const never = () => new AbortController().signal;

  it('rides out a full accept backlog (EAGAIN) and connects every dial once the upstream catches up', async () => {
    const path = join(dir, 'busy.sock');
    const child = await frozenableEcho(path);
    children.push(child);
    child.kill('SIGSTOP');
    const endpoint: UpstreamEndpoint = { kind: 'unix', path };
    const dialer = new UpstreamDialer();
    const dials = Array.from({ length: 60 }, () => dialer.dial(endpoint, Date.now() + 15_000, never()));
    // While frozen, its backlog (2, plus the kernel's slack) is full: the rest see EAGAIN and wait.
    await new Promise((r) => setTimeout(r, 400));
    child.kill('SIGCONT');
    const results = await Promise.all(dials);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const replies = await Promise.all(results.map((r, i) => (r.ok ? echoOver(r.socket, `n${i}`).finally(() => r.socket.destroy()) : '')));
    expect(replies).toEqual(results.map((_, i) => `n${i}`));
  });

  it('relays 200 clients at once to a frozen upstream and reports no dial failure (a full backlog is not death)', async () => {
    const path = join(dir, 'relayed.sock');
    const child = await frozenableEcho(path);
    children.push(child);
    child.kill('SIGSTOP');
    const upstream = new ControlledUpstream({ kind: 'unix', path });
    const listener = unwrap(await new TcpListenerFactory().listen({ address: '127.0.0.1', port: 0 }, upstream, { connectTimeoutMs: 15_000 }));
    try {
      const clients = Array.from({ length: 200 }, (_, i) => echoOver(connectTo(listener.port), `c${i}`));
      await new Promise((r) => setTimeout(r, 500));
      child.kill('SIGCONT');
      expect(await Promise.all(clients)).toEqual(Array.from({ length: 200 }, (_, i) => `c${i}`));
      expect(upstream.dialFailures).toEqual([]);
    } finally {
      await listener.close();
    }
  });

  it('gives up at the deadline on a busy upstream without calling it dead', async () => {
    const path = join(dir, 'stuck.sock');
    const child = await frozenableEcho(path);
    children.push(child);
    child.kill('SIGSTOP');
    const dialer = new UpstreamDialer();
    const results = await Promise.all(Array.from({ length: 20 }, () => dialer.dial({ kind: 'unix', path }, Date.now() + 300, never())));
    for (const r of results) if (r.ok) r.socket.destroy();
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.verdict)).toEqual(expect.arrayContaining(['timeout']));
    expect(results.some((r) => !r.ok && r.verdict === 'dead')).toBe(false);
  });

  it('calls an upstream dead when its socket file is gone', async () => {
    const dialer = new UpstreamDialer();
    const result = await dialer.dial({ kind: 'unix', path: join(dir, 'gone.sock') }, Date.now() + 5_000, never());
    expect(result).toMatchObject({ ok: false, verdict: 'dead', message: expect.stringContaining('ENOENT') });
  });

  it('calls an upstream dead when nothing listens on its socket file any more, checked by probes', async () => {
    const path = join(dir, 'closed.sock');
    const server = createServer();
    await new Promise<void>((r) => server.listen(path, r));
    // Closing a Unix server normally unlinks the file; keep a stale socket file behind as a dead ssh leaves it.
    await new Promise<void>((r) => server.close(() => r()));
    if (!existsSync(path)) await writeFile(path, '');
    const started = Date.now();
    const result = await new UpstreamDialer().dial({ kind: 'unix', path }, Date.now() + 5_000, never());
    expect(result).toMatchObject({ ok: false, verdict: 'dead' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('stops dialing when aborted', async () => {
    const path = join(dir, 'abort.sock');
    const child = await frozenableEcho(path);
    children.push(child);
    child.kill('SIGSTOP');
    const dialer = new UpstreamDialer();
    const hold = Array.from({ length: 10 }, () => dialer.dial({ kind: 'unix', path }, Date.now() + 500, never()));
    const abort = new AbortController();
    const dial = dialer.dial({ kind: 'unix', path }, Date.now() + 20_000, abort.signal);
    setTimeout(() => abort.abort(), 100);
    const started = Date.now();
    expect(await dial).toMatchObject({ ok: false, verdict: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1_000);
    for (const r of await Promise.all(hold)) if (r.ok) r.socket.destroy();
  });
});

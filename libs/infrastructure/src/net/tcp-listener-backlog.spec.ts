/**
 * The cause of the storm test's lost ssh clients (issue 11): 2,000 clients connect at once while the daemon's event
 * loop is busy. The kernel completes each handshake into the listener's accept queue; once that queue is full it drops
 * the handshake (the client may already think it is connected and send), and under load the half-open request
 * expires and the client's bytes are answered with a reset (`read ECONNRESET`) before the daemon ever saw the
 * connection. With Node's default backlog (511) the storm lost ssh clients that way; the relay never reset one.
 *
 * Here the event loop is really blocked while another process opens the burst, so only the kernel's queue can hold it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unwrap } from '@localport/domain';
import { ControlledUpstream } from '@localport/testing/loopback';
import { TcpListenerFactory } from './tcp-listener-factory.adapter';

const BURST = 2_000;
/** Linux caps every listen backlog at net.core.somaxconn (4096 since 5.4); a lower cap cannot hold the burst. */
const somaxconn = existsSync('/proc/sys/net/core/somaxconn') ? Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8')) : 0;
const itWithRoom = somaxconn > BURST ? it : it.skip;

/**
 * Opens BURST connections at once and writes how many completed their handshake: all of them, or a count that has
 * not moved for ten polls (each after an I/O turn, so a starved child cannot miss late completions) and 1.5 s.
 */
const burstClient = `
const net = require('node:net'); const fs = require('node:fs');
const [port, out] = process.argv.slice(1); let connected = 0; const sockets = [];
process.stdin.once('data', () => {
  for (let i = 0; i < ${BURST}; i++) { const s = net.connect(Number(port), '127.0.0.1', () => connected++); s.on('error', () => {}); sockets.push(s); }
  const start = Date.now(); let last = -1; let still = 0;
  setInterval(() => {
    still = connected === last ? still + 1 : 0; last = connected;
    if (connected < ${BURST} && (still < 10 || Date.now() - start < 1500)) return;
    fs.writeFileSync(out + '.tmp', String(connected)); fs.renameSync(out + '.tmp', out); process.exit(0);
  }, 100);
});`;

/** Blocks this thread (no event loop turn, so no accept) until `file` exists or `limitMs` passes. */
function blockUntilExists(file: string, limitMs: number): void {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const until = Date.now() + limitMs;
  while (!existsSync(file) && Date.now() < until) Atomics.wait(cell, 0, 0, 10);
}

describe('TcpForwardListener accept queue', () => {
  itWithRoom(`holds a burst of ${BURST} handshakes while the daemon's event loop is busy`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-backlog-'));
    const result = join(dir, 'connected');
    const listener = unwrap(await new TcpListenerFactory().listen({ address: '127.0.0.1', port: 0 }, new ControlledUpstream(null), { connectTimeoutMs: 2_000 }));
    const child = spawn(process.execPath, ['-e', burstClient, String(listener.port), result], { stdio: ['pipe', 'ignore', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => child.once('spawn', resolve).once('error', reject));
      // 'go' leaves at once (a pipe write is tried synchronously); from here until the child reports, nothing is accepted.
      child.stdin!.write('go\n');
      blockUntilExists(result, 30_000);

      expect(Number(readFileSync(result, 'utf8'))).toBe(BURST);
    } finally {
      child.kill('SIGKILL');
      await listener.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

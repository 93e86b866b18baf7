import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { connect, Socket } from 'node:net';
import { streamUntilClosed } from '@localport/testing/net';

/** Connects; a refused or backlogged connect (EAGAIN) rejects: an attacker is not owed a retry. */
const open = (path: string): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const s = connect(path);
    s.once('connect', () => {
      s.off('error', reject);
      resolve(s);
    });
    s.once('error', reject);
  });

/** Counts newline-terminated reply lines on a socket (and keeps at most the first 4 KiB of them). */
function replies(s: Socket): { lines: () => number; text: () => string } {
  let lines = 0;
  let text = '';
  s.on('data', (c: Buffer) => {
    for (const b of c) if (b === 0x0a) lines++;
    if (text.length < 4096) text += c.toString('utf8', 0, Math.min(c.length, 4096 - text.length));
  });
  s.on('error', () => undefined);
  return { lines: () => lines, text: () => text };
}

/**
 * Streams up to `bytes` of non-newline data on one connection (waiting on back-pressure) until the daemon hangs up;
 * returns the replies it got and how many bytes it wrote before that.
 */
export async function oversizedLine(path: string, bytes: number): Promise<{ replies: string; sent: number }> {
  const s = await open(path);
  const r = replies(s);
  // Not events.once: that rejects on the EPIPE the writes get once the daemon has closed the connection.
  const closed = new Promise((resolve) => s.once('close', resolve));
  const sent = await streamUntilClosed(s, Buffer.alloc(1024 * 1024, 0x61), bytes);
  s.end('\n');
  await closed;
  return { replies: r.text(), sent };
}

/** `lines` lines of random binary (no newline inside a line) on one connection; resolves with how many replies came back. */
export async function garbage(path: string, lines: number, lineBytes: number): Promise<number> {
  const s = await open(path);
  const r = replies(s);
  for (let i = 0; i < lines; i++) {
    const line = randomBytes(lineBytes).map((b) => (b === 0x0a ? 0x20 : b));
    if (!s.write(Buffer.concat([line, Buffer.from('\n')]))) await once(s, 'drain');
  }
  s.end();
  await once(s, 'close');
  return r.lines();
}

/**
 * `count` connections at once (the fd budget allows it), each sending one ping and reading its reply;
 * with `hold`, every socket stays open until all have their reply. Resolves with how many got one.
 */
export async function connectionWave(path: string, count: number, hold: boolean): Promise<number> {
  const sockets: Socket[] = [];
  const answered = await Promise.all(
    Array.from({ length: count }, async () => {
      const s = await open(path).catch(() => null);
      if (!s) return false;
      sockets.push(s);
      const r = replies(s);
      s.write('{"v":1,"id":"w","method":"ping","params":{}}\n');
      const got = await new Promise<boolean>((resolve) => {
        s.on('data', () => r.lines() > 0 && resolve(true));
        s.once('close', () => resolve(r.lines() > 0));
      });
      if (!hold) s.destroy();
      return got;
    }),
  );
  for (const s of sockets) s.destroy();
  return answered.filter(Boolean).length;
}

/**
 * Half-open and slow clients: `count` connections that each send part of a request and then either half-close
 * (FIN, never reading) or trickle a byte every `tickMs` for `forMs`. Returns a function that drops them all.
 */
export async function slowAndHalfOpen(path: string, count: number, tickMs: number, forMs: number): Promise<void> {
  const sockets = await Promise.all(Array.from({ length: count }, () => open(path)));
  sockets.forEach((s, i) => {
    s.on('error', () => undefined);
    s.write('{"v":1,"id":"slow","method":');
    if (i % 2 === 0) s.end();
  });
  const trickling = sockets.filter((_, i) => i % 2 === 1);
  const deadline = Date.now() + forMs;
  while (Date.now() < deadline) {
    for (const s of trickling) if (!s.destroyed) s.write(' ');
    await new Promise((r) => setTimeout(r, tickMs));
  }
  for (const s of sockets) s.destroy();
}

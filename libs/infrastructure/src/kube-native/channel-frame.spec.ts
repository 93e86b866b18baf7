import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { sendChannelFrame } from './channel-frame';

/** A real ws server on loopback and a client masking with zeros, as the native forwarder's over TLS. */
async function connectedPair(): Promise<{ client: WebSocket; received: Buffer[]; close: () => Promise<void> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => server.once('listening', r));
  const received: Buffer[] = [];
  server.on('connection', (s) => s.on('message', (m: Buffer, isBinary) => received.push(isBinary ? m : Buffer.from(`text:${m.toString()}`))));
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { generateMask: (mask: Buffer) => void mask.fill(0) });
  await new Promise((r) => client.once('open', r));
  const close = (): Promise<void> =>
    new Promise<void>((r) => {
      client.terminate();
      for (const s of server.clients) s.terminate();
      server.close(() => r());
    });
  return { client, received, close };
}

/** Resolves once `done()` holds; rejects after 5 s, so a broken frame fails the test instead of hanging it. */
function waitUntil(done: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => (clearInterval(poll), reject(new Error('the server did not receive every message'))), 5_000);
    const poll = setInterval(() => done() && (clearInterval(poll), clearTimeout(deadline), resolve()), 5);
  });
}

describe('sendChannelFrame', () => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  it('sends [channel][payload] as one binary message for every length class, in order with ws.send', async () => {
    const pair = await connectedPair();
    close = pair.close;
    const { client, received } = pair;
    // Around the 7-bit (125), 16-bit (65535) and 64-bit length encodings, counting the channel byte.
    const sizes = [0, 1, 124, 125, 126, 65_534, 65_535, 65_536, 200_000];
    const payloads = sizes.map((n) => randomBytes(n));
    const written: number[] = [];
    payloads.forEach((p, i) => {
      expect(sendChannelFrame(client, i % 2, p, () => written.push(i))).toBe(true);
      client.send(`after ${i}`);
    });
    client.ping();
    await waitUntil(() => received.length === sizes.length * 2);
    payloads.forEach((p, i) => {
      expect(received[2 * i]).toEqual(Buffer.concat([Buffer.from([i % 2]), p]));
      expect(received[2 * i + 1].toString()).toBe(`text:after ${i}`);
    });
    expect(written).toEqual(sizes.map((_, i) => i));
  });

  it('declines (sends nothing) when ws has no socket yet, so the caller falls back to ws.send', () => {
    const ws = new WebSocket('ws://127.0.0.1:1', { generateMask: (mask: Buffer) => void mask.fill(0) });
    ws.on('error', () => undefined);
    expect(sendChannelFrame(ws, 0, Buffer.from('x'))).toBe(false);
    ws.terminate();
  });
});

import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/** The parts of a `ws` 8.x client this reaches into (pinned in package.json; checked before each use). */
interface WsInternals {
  readonly _socket?: Duplex | null;
  readonly _sender?: { readonly _queue?: readonly unknown[]; readonly _state?: number };
}

const FIN_BINARY = 0x82;
const MASKED = 0x80;

/** The frame header of a masked binary message with an all-zero key, followed by the channel byte. */
function header(channel: number, payloadLength: number): Buffer {
  const length = payloadLength + 1;
  if (length < 126) return Buffer.from([FIN_BINARY, MASKED | length, 0, 0, 0, 0, channel]);
  if (length < 65_536) return Buffer.from([FIN_BINARY, MASKED | 126, length >> 8, length & 0xff, 0, 0, 0, 0, channel]);
  const h = Buffer.alloc(15);
  h[0] = FIN_BINARY;
  h[1] = MASKED | 127;
  h.writeUIntBE(length, 4, 6);
  h[14] = channel;
  return h;
}

/**
 * Sends `[channel][payload]` as one binary WebSocket message without copying the payload into a new buffer: the
 * frame header (zero mask key, as ws sends over TLS with our `generateMask`) and the channel byte go in one small
 * write, the payload as it is in the next, corked together (what ws's own sender does after the copy).
 * Only for a client whose mask is all zeros; returns false, sending nothing, when ws is not in the state this
 * relies on (its sender queueing, no socket): the caller then copies and uses `ws.send`.
 * `done` runs once the payload is written (as ws.send's callback).
 */
export function sendChannelFrame(ws: WebSocket, channel: number, payload: Buffer, done?: (error?: Error | null) => void): boolean {
  const internals = ws as unknown as WsInternals;
  const socket = internals._socket;
  const sender = internals._sender;
  if (!socket || !sender || sender._state !== 0 || !Array.isArray(sender._queue) || sender._queue.length > 0) return false;
  socket.cork();
  socket.write(header(channel, payload.length));
  socket.write(payload, done);
  socket.uncork();
  return true;
}

import { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import { sendChannelFrame } from './channel-frame';

/** Above this many bytes queued on the WebSocket, a write waits until they are flushed (backpressure to the client). */
const WS_HIGH_WATER = 1024 * 1024;
const DATA = 0;
const ERROR = 1;

const toBuffer = (data: RawData): Buffer => (Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data));

/** An error the kubelet reported on the error channel (e.g. nothing listens on the port in the pod). */
export class PodPortError extends Error {
  readonly code = 'EKUBEPORTFORWARD';
}

/**
 * One client connection over one `v4.channel.k8s.io` WebSocket (port index 0): a Duplex the relay pipes like a socket.
 *
 * - Frames are `[channel][payload]`; channel 0 is data, 1 errors; the first frame on each carries the port (2 bytes,
 *   stripped). Text on the error channel destroys the stream with a {@link PodPortError}.
 * - Backpressure: a write waits for the WebSocket to flush when more than 1 MiB is queued; when the reader is full
 *   the WebSocket (and so its TCP socket) is paused until it reads again.
 * - Half-close: v4 has no way to end only the upstream direction, so ending the writable side sends nothing; the
 *   pod's reply still flows, and the WebSocket closes when the pod closes (the readable side then ends) or when
 *   the stream is destroyed.
 * - A WebSocket that closes abnormally (not 1000) destroys the stream with ECONNRESET.
 * - Emits `answered` once, at the pod's first byte.
 */
export class ChannelStream extends Duplex {
  private readonly seenPrefix = [false, false];
  private received = 0;

  constructor(
    readonly ws: WebSocket,
    /** The pod behind it, for re-targeting. */
    readonly podUid: string,
    /** The client masks with an all-zero key (over TLS): frames are then written without copying the payload. */
    private readonly zeroMask = false,
  ) {
    // A WebSocket message is up to 64 KiB here; a 256 KiB read buffer avoids pausing the socket for every one.
    super({ allowHalfOpen: true, readableHighWaterMark: 256 * 1024 });
    ws.on('message', (raw, isBinary) => this.onMessage(toBuffer(raw), isBinary));
    ws.on('close', (code) => this.onClose(code));
    ws.on('error', () => undefined);
  }

  /** Bytes received from the pod (what a socket calls bytesRead). */
  get bytesRead(): number {
    return this.received;
  }

  override _read(): void {
    if (this.ws.isPaused) this.ws.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.ws.readyState !== this.ws.OPEN) return callback();
    const wait = this.ws.bufferedAmount + chunk.length + 1 > WS_HIGH_WATER;
    const flushed = wait ? () => callback() : undefined;
    if (!this.zeroMask || !sendChannelFrame(this.ws, DATA, chunk, flushed)) {
      const frame = Buffer.allocUnsafe(chunk.length + 1);
      frame[0] = DATA;
      chunk.copy(frame, 1);
      this.ws.send(frame, { binary: true }, flushed);
    }
    if (!wait) callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) {
      if (error) this.ws.terminate();
      else this.ws.close(1000);
    }
    callback(error);
  }

  private onMessage(frame: Buffer, isBinary: boolean): void {
    if (!isBinary || frame.length === 0 || this.destroyed) return;
    const channel = frame[0];
    if (channel !== DATA && channel !== ERROR) return;
    let payload = frame.subarray(1);
    if (!this.seenPrefix[channel]) {
      this.seenPrefix[channel] = true;
      payload = payload.subarray(2);
    }
    if (payload.length === 0) return;
    if (channel === ERROR) return void this.destroy(new PodPortError(payload.toString('utf8').trim()));
    if (this.received === 0) this.emit('answered');
    this.received += payload.length;
    if (!this.push(payload)) this.ws.pause();
  }

  private onClose(code: number): void {
    if (this.destroyed) return;
    if (code === 1000 || code === 1005) {
      this.push(null);
      // Nothing more can be sent either; finish our side once the reader has consumed the end.
      if (this.writableFinished || this.writableEnded) return;
      this.once('end', () => this.destroy());
      return;
    }
    const reset = Object.assign(new Error(`port-forward WebSocket closed (code ${code})`), { code: 'ECONNRESET' });
    this.destroy(reset);
  }
}

import { connect, Socket } from 'node:net';
import { encodeKafkaRequest, KafkaProtocolError } from './kafka-protocol';
import { messageOf } from './with-deadline';

/** Larger answers are not Kafka (an HTTP server's "HTTP" reads as a 1.2 GB frame). Metadata for no topics is tiny. */
const MAX_FRAME = 16 * 1024 * 1024;

/** One TCP connection to a broker doing strict request/response with correlation ids. Closed by `close()` or the signal. */
export class KafkaConnection {
  private buffered: Buffer = Buffer.alloc(0);
  private pending: { resolve: (frame: Buffer) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  private nextCorrelationId = 1;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (e) => this.fail(e));
    socket.on('close', () => this.fail(new Error('connection closed by the broker')));
  }

  /** Connects; rejects with the connect error, or when `signal` aborts. */
  static open(host: string, port: number, signal: AbortSignal): Promise<KafkaConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port, noDelay: true });
      const onAbort = (): void => void socket.destroy(new Error(messageOf(signal.reason)));
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      socket.once('close', () => signal.removeEventListener('abort', onAbort));
      socket.once('error', reject).once('connect', () => {
        socket.off('error', reject);
        resolve(new KafkaConnection(socket));
      });
    });
  }

  /** Sends one request and resolves with the response body after its correlation id, which must match. */
  async request(apiKey: number, apiVersion: number, body?: Buffer): Promise<Buffer> {
    if (this.failure) throw this.failure;
    const correlationId = this.nextCorrelationId++;
    const answer = new Promise<Buffer>((resolve, reject) => (this.pending = { resolve, reject }));
    this.socket.write(encodeKafkaRequest(apiKey, apiVersion, correlationId, 'localport-health', body));
    const frame = await answer;
    if (frame.length < 4) throw new KafkaProtocolError(`response of ${frame.length} bytes has no correlation id`);
    const got = frame.readInt32BE(0);
    if (got !== correlationId) throw new KafkaProtocolError(`response correlation id ${got}, expected ${correlationId}`);
    return frame.subarray(4);
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    if (this.buffered.length < 4) return;
    const size = this.buffered.readInt32BE(0);
    if (size < 0 || size > MAX_FRAME) return this.fail(new KafkaProtocolError(`not a Kafka response (frame size ${size})`));
    if (this.buffered.length < 4 + size) return;
    if (this.buffered.length > 4 + size || !this.pending) return this.fail(new KafkaProtocolError('unexpected bytes after a response'));
    const frame = this.buffered.subarray(4);
    this.buffered = Buffer.alloc(0);
    const { resolve } = this.pending;
    this.pending = null;
    resolve(frame);
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.pending?.reject(this.failure);
    this.pending = null;
    this.socket.destroy();
  }
}

import { connect } from 'node:net';

/** Options for {@link tcpRoundTrip}. */
export interface RoundTripOptions {
  /** Default 10 s. */
  timeoutMs?: number;
  /**
   * `'end'` (default): half-close after sending and collect until the peer ends.
   * A number: keep the write side open, collect until that many bytes came back, then close. Use this where a
   * half-close tears the tunnel down early (client-node's PortForward closes its WebSocket on local end).
   */
  until?: 'end' | number;
}

/**
 * Connects to 127.0.0.1:`port`, sends `payload` and resolves with the bytes received back.
 * Rejects on a socket error or timeout.
 */
export function tcpRoundTrip(port: number, payload: Buffer, opts: RoundTripOptions = {}): Promise<Buffer> {
  const until = opts.until ?? 'end';
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const socket = connect({ host: '127.0.0.1', port, allowHalfOpen: true }, () => {
      if (until === 'end') socket.end(payload);
      else socket.write(payload);
    });
    const finish = (error?: Error): void => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(Buffer.concat(chunks));
    };
    const timer = setTimeout(
      () => finish(new Error(`round trip through 127.0.0.1:${port} timed out after ${timeoutMs} ms (${received} bytes back)`)),
      timeoutMs,
    );
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (until !== 'end' && received >= until) finish();
    });
    socket.on('end', () => finish());
    socket.on('error', (e) => finish(e));
  });
}

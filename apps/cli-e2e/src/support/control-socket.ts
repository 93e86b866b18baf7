import { connect } from 'node:net';

/** Sends raw bytes to the daemon's control socket and resolves with the first reply line (parsed). */
export function sendRaw(socketPath: string, bytes: string | Buffer, timeoutMs = 10_000): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let buffer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no reply on ${socketPath} within ${timeoutMs} ms (got ${JSON.stringify(buffer)})`));
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.once('connect', () => socket.write(bytes));
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const nl = buffer.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      socket.destroy();
      try {
        resolve(JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>);
      } catch (e) {
        reject(new Error(`reply is not JSON: ${buffer.slice(0, nl)} (${(e as Error).message})`));
      }
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

let nextId = 0;

/** One protocol-v1 request over the control socket; resolves the `result`, rejects on an error reply. */
export async function request<T>(socketPath: string, method: string, params: Record<string, unknown> = {}, timeoutMs?: number): Promise<T> {
  const id = `e2e-${process.pid}-${++nextId}`;
  const reply = await sendRaw(socketPath, `${JSON.stringify({ v: 1, id, method, params })}\n`, timeoutMs);
  if (reply.ok !== true) throw new Error(`${method} failed: ${JSON.stringify(reply.error)}`);
  return reply.result as T;
}

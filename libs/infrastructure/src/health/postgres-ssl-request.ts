import { connect } from 'node:net';
import { ok } from '@localport/domain';
import { hostPort } from '../net/host-port';
import { sayFailure } from '../net/plain-failure';
import { CheckResult, failed } from './with-deadline';

// An SSLRequest: Int32 length 8, Int32 code 80877103. Any PostgreSQL server answers one byte, 'S' or 'N'.
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

/**
 * Proves a PostgreSQL server speaks the protocol without credentials: sends an SSLRequest and accepts a single
 * 'S' or 'N'. Hanging up right after is silent on the server side (PostgreSQL does not log it).
 */
export function probeSslRequest(host: string, port: number, signal: AbortSignal): Promise<CheckResult> {
  const where = hostPort(host, port);
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (result: CheckResult): void => {
      signal.removeEventListener('abort', onAbort);
      socket.removeAllListeners('close');
      socket.destroy();
      resolve(result);
    };
    const onAbort = (): void => finish(failed(`postgres check of ${where} was cancelled`));
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => socket.write(SSL_REQUEST));
    socket.once('data', (answer: Buffer) => {
      const first = answer[0];
      if (answer.length === 1 && (first === 0x53 || first === 0x4e)) return finish(ok(undefined));
      finish(failed(`${where} did not answer like a PostgreSQL server (got ${answer.length} bytes starting 0x${first.toString(16).padStart(2, '0')})`));
    });
    socket.once('error', (e) => finish(failed(`cannot reach postgres at ${where}: ${sayFailure(e, 'postgres')}`, e)));
    socket.once('close', () => finish(failed(`${where} closed the connection without a PostgreSQL answer`)));
  });
}

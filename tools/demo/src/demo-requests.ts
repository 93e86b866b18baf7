import { get } from 'node:http';
import { roundTrip } from '@localport/testing/net';

/** An HTTP answer as received. */
export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/** `GET http://127.0.0.1:<port><path>` with a deadline; rejects with a readable reason. */
export function httpGet(port: number, path: string, timeoutMs = 10_000): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path, timeout: timeoutMs, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.once('error', reject);
    });
    req.once('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.once('error', reject);
  });
}

/** Sends `text` to 127.0.0.1:<port> and resolves with what comes back (as many bytes as were sent). */
export async function echo(port: number, text: string): Promise<string> {
  return (await roundTrip({ host: '127.0.0.1', port }, Buffer.from(text))).toString('utf8');
}

import { IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { HealthTarget } from '@localport/application';
import { HttpCheck, ok } from '@localport/domain';
import { redactUrl, redactUrlsIn } from '../logging/redact-url';
import { hostPort } from '../net/host-port';
import { TypedHealthProber } from './typed-health-prober';
import { sayFailure } from '../net/plain-failure';
import { CheckResult, failed, withDeadline } from './with-deadline';

/** At most this much of a body is read when looking for `expectedContent`. */
export const HTTP_BODY_LIMIT = 64 * 1024;

/** HTTP(S) check: one request on a fresh connection; healthy when the status is expected and, if set, the body holds `expectedContent`. */
export class HttpHealthProber implements TypedHealthProber<HttpCheck> {
  check(spec: HttpCheck, target: HealthTarget, signal: AbortSignal): Promise<CheckResult> {
    const url = spec.url ?? `${spec.scheme}://${hostPort(target.host, target.port)}${spec.path.startsWith('/') ? '' : '/'}${spec.path}`;
    return withDeadline(`${spec.method} ${redactUrl(url)}`, spec.timeoutMs, signal, (s) => probe(spec, url, s));
  }
}

/** `url` is what is requested; every message names it only through `redactUrl` (it may carry credentials). */
function probe(spec: HttpCheck, url: string, signal: AbortSignal): Promise<CheckResult> {
  const shown = redactUrl(url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.resolve(failed(`invalid health check URL ${JSON.stringify(shown)}`));
  }
  const https = parsed.protocol === 'https:';
  if (!https && parsed.protocol !== 'http:') return Promise.resolve(failed(`unsupported URL scheme in ${shown}`));
  return new Promise((resolve) => {
    const headers = { 'user-agent': 'localport-health', ...spec.headers };
    // agent: false: a new connection per check, so a check proves the path works now and leaves nothing pooled.
    const options = { method: spec.method, headers, signal, agent: false as const, ...(https ? { rejectUnauthorized: spec.verifyTls } : {}) };
    const req = (https ? httpsRequest : httpRequest)(parsed, options, (res) => {
      void judge(spec, shown, res).then((result) => {
        res.destroy();
        resolve(result);
      });
    });
    req.once('error', (e) => resolve(failed(`${spec.method} ${shown} failed: ${redactUrlsIn(sayFailure(e, https ? 'tls' : 'http'))}`, e)));
    req.end();
  });
}

async function judge(spec: HttpCheck, url: string, res: IncomingMessage): Promise<CheckResult> {
  const status = res.statusCode ?? 0;
  if (!spec.expectedStatus.includes(status)) return failed(`HTTP ${status} from ${url} (expected ${spec.expectedStatus.join(', ')})`);
  if (spec.expectedContent === undefined || spec.expectedContent === '') return ok(undefined);
  const body = await readHead(res, HTTP_BODY_LIMIT);
  if (body.includes(spec.expectedContent)) return ok(undefined);
  return failed(`HTTP ${status} from ${url} but the body does not contain ${JSON.stringify(spec.expectedContent)}`);
}

/** The first `limit` bytes of a body (less if it ends first); never rejects. */
function readHead(res: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (): void => resolve(Buffer.concat(chunks, Math.min(size, limit)));
    res.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) done();
    });
    res.once('end', done).once('error', done).once('close', done);
  });
}

import { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_HEALTH_TIMING, DEFAULT_HTTP_STATUSES, HttpCheck } from '@localport/domain';
import { freePort, HttpTestServer, startHttpTestServer } from '@localport/testing/loopback';
import { HTTP_BODY_LIMIT, HttpHealthProber } from './http-health-prober.adapter';

const spec = (over: Partial<HttpCheck> = {}): HttpCheck => ({
  type: 'http',
  ...DEFAULT_HEALTH_TIMING,
  timeoutMs: 2_000,
  scheme: 'http',
  path: '/health',
  method: 'GET',
  expectedStatus: DEFAULT_HTTP_STATUSES,
  headers: {},
  verifyTls: true,
  ...over,
});
const live = () => new AbortController().signal;

/** Routes: /health 200 "status: ok", /down 503, /big 200 with `ok-marker` past the body limit, /hang never answers. */
function routes(req: IncomingMessage, res: ServerResponse): void {
  if (req.url === '/down') return void res.writeHead(503).end('down');
  if (req.url === '/big') return void res.writeHead(200).end(Buffer.concat([Buffer.alloc(HTTP_BODY_LIMIT, 'a'), Buffer.from('ok-marker')]));
  if (req.url?.startsWith('/hang')) return;
  res.writeHead(200, { 'content-type': 'text/plain' }).end('status: ok');
}

describe(HttpHealthProber.name, () => {
  const prober = new HttpHealthProber();
  let server: HttpTestServer;
  let tls: HttpTestServer;
  beforeAll(async () => {
    server = await startHttpTestServer(routes);
    tls = await startHttpTestServer(routes, { tls: true });
  });
  afterAll(async () => {
    await server.stop();
    await tls.stop();
  });
  const target = () => ({ host: '127.0.0.1', port: server.port });

  it('is healthy on an expected status, building the URL from the target, scheme and path', async () => {
    expect(await prober.check(spec(), target(), live())).toEqual({ ok: true, value: undefined });
    expect(server.requests.at(-1)).toMatchObject({ method: 'GET', url: '/health' });
  });

  it('fails on an unexpected status, naming status and URL', async () => {
    const result = await prober.check(spec({ path: '/down' }), target(), live());
    expect(result).toMatchObject({ ok: false, error: { code: 'HEALTH.FAILED', message: `HTTP 503 from http://127.0.0.1:${server.port}/down (expected 200, 201, 202, 204)` } });
    expect((await prober.check(spec({ path: '/down', expectedStatus: [503] }), target(), live())).ok).toBe(true);
  });

  it('checks expected content within the first 64 KiB of the body', async () => {
    expect((await prober.check(spec({ expectedContent: 'status: ok' }), target(), live())).ok).toBe(true);
    expect(await prober.check(spec({ expectedContent: 'status: degraded' }), target(), live())).toMatchObject({
      ok: false,
      error: { message: `HTTP 200 from http://127.0.0.1:${server.port}/health but the body does not contain "status: degraded"` },
    });
    expect((await prober.check(spec({ path: '/big', expectedContent: 'aaaa' }), target(), live())).ok).toBe(true);
    expect((await prober.check(spec({ path: '/big', expectedContent: 'ok-marker' }), target(), live())).ok).toBe(false);
  });

  it('sends the method and headers, and a full url wins over the target', async () => {
    const url = `${server.origin}/health?probe=1`;
    const result = await prober.check(spec({ url, method: 'HEAD', headers: { authorization: 'Bearer t0ken', 'x-probe': 'lp' } }), { host: '127.0.0.1', port: await freePort() }, live());

    expect(result.ok).toBe(true);
    expect(server.requests.at(-1)).toMatchObject({ method: 'HEAD', url: '/health?probe=1', headers: expect.objectContaining({ authorization: 'Bearer t0ken', 'x-probe': 'lp' }) });
  });

  it('accepts a self-signed certificate over https only when verifyTls is false', async () => {
    const httpsTarget = { host: '127.0.0.1', port: tls.port };

    expect((await prober.check(spec({ scheme: 'https', verifyTls: false, expectedContent: 'ok' }), httpsTarget, live())).ok).toBe(true);
    expect(await prober.check(spec({ scheme: 'https', verifyTls: true }), httpsTarget, live())).toMatchObject({
      ok: false,
      error: { code: 'HEALTH.FAILED', message: expect.stringMatching(/^GET https:\/\/127\.0\.0\.1:\d+\/health failed: the server's TLS certificate is not signed by a CA this side trusts .*\(TLS\.UNTRUSTED_CERT\)$/) },
    });
  });

  it('says a TLS mismatch in user words, never OpenSSL\'s internal string, and keeps the raw error as the cause', async () => {
    const toPlain = await prober.check(spec({ scheme: 'https', verifyTls: false }), target(), live());
    expect(toPlain).toMatchObject({ ok: false, error: { code: 'HEALTH.FAILED', message: `GET https://127.0.0.1:${server.port}/health failed: the server answered without TLS: it is a plain HTTP/TCP port (use http://, or set scheme: http) (TLS.NOT_TLS)` } });
    expect(toPlain.ok ? '' : toPlain.error.message).not.toMatch(/wrong version number|ERR_SSL|SSL routines/);
    expect(String((toPlain.ok ? null : (toPlain.error.cause as Error))?.message)).toMatch(/wrong version number|SSL/);
    const toTls = await prober.check(spec(), { host: '127.0.0.1', port: tls.port }, live());
    expect(toTls).toMatchObject({ ok: false, error: { message: `GET http://127.0.0.1:${tls.port}/health failed: the server closed the connection without an HTTP answer (a TLS port? use https://, or set scheme: https) (NET.RESET)` } });
  });

  it('fails when nothing listens and times out when the server never answers', async () => {
    const port = await freePort();
    expect(await prober.check(spec(), { host: '127.0.0.1', port }, live())).toMatchObject({
      ok: false,
      error: { code: 'HEALTH.FAILED', message: `GET http://127.0.0.1:${port}/health failed: connection refused: nothing is listening there (NET.REFUSED)` },
    });
    expect(await prober.check(spec({ path: '/hang', timeoutMs: 300 }), target(), live())).toMatchObject({
      ok: false,
      error: { code: 'HEALTH.TIMEOUT', message: `GET http://127.0.0.1:${server.port}/hang timed out after 300 ms` },
    });
  });

  it('never names the credentials of a URL in its messages (userinfo, secret query values)', async () => {
    const url = `http://user:S3CRETPW@127.0.0.1:${server.port}/health?token=QTOKEN&x=1`;
    const refused = `http://user:S3CRETPW@127.0.0.1:${await freePort()}/h?sig=QSIG`;
    const messages = [
      await prober.check(spec({ url, expectedStatus: [204] }), target(), live()),
      await prober.check(spec({ url: refused }), target(), live()),
      await prober.check(spec({ url: url.replace('/health?', '/hang?'), timeoutMs: 200 }), target(), live()),
      await prober.check(spec({ url: 'ftp://user:S3CRETPW@host/x' }), target(), live()),
    ].map((r) => (r.ok ? '' : r.error.message));
    expect(messages[0]).toBe(`HTTP 200 from http://***@127.0.0.1:${server.port}/health?token=***&x=1 (expected 204)`);
    expect(messages[1]).toMatch(/^GET http:\/\/\*\*\*@127\.0\.0\.1:\d+\/h\?sig=\*\*\* failed/);
    expect(messages[2]).toMatch(/timed out/);
    for (const m of messages) expect(m).not.toMatch(/S3CRETPW|QTOKEN|QSIG/);
  });

  it('fails cleanly on a malformed url', async () => {
    expect(await prober.check(spec({ url: 'not a url' }), target(), live())).toMatchObject({ ok: false, error: { message: 'invalid health check URL "not a url"' } });
  });
});

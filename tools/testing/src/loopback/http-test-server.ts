import { createServer as createHttpServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { Socket } from 'node:net';
import { TEST_TLS } from './test-tls';

/** A request as the test server saw it. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
}

export interface HttpTestServer {
  /** `http(s)://127.0.0.1:<port>` without a trailing slash. */
  readonly origin: string;
  readonly port: number;
  readonly requests: SeenRequest[];
  stop(): Promise<void>;
}

/** Starts an HTTP (or, with `tls`, HTTPS with the self-signed TEST_TLS certificate) server on 127.0.0.1. */
export async function startHttpTestServer(handler: (req: IncomingMessage, res: ServerResponse) => void, options: { tls?: boolean } = {}): Promise<HttpTestServer> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  };
  const server: Server = options.tls ? createHttpsServer({ key: TEST_TLS.key, cert: TEST_TLS.cert }, onRequest) : createHttpServer(onRequest);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const a = server.address();
  const port = a !== null && typeof a === 'object' ? a.port : 0;
  return {
    origin: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

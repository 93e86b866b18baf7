import { err, LocalportError, ok, Result } from '@localport/domain';
import { createServer, Server } from 'node:http';

/** The metrics endpoint could not listen (address in use, not allowed, not local). */
export class MetricsListenError extends LocalportError {
  readonly code = 'METRICS.LISTEN_FAILED';
}

/** Serves `GET /metrics` in the Prometheus text format from `render()`, computed per request; 404 elsewhere. */
export class MetricsHttpServer {
  private server: Server | null = null;

  constructor(private readonly render: () => string | Promise<string>) {}

  /** Listens on host:port; resolves with the bound port. */
  async listen(host: string, port: number): Promise<Result<number, MetricsListenError>> {
    const server = createServer(async (req, res) => {
      const path = (req.url ?? '').split('?')[0];
      if (path !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: try /metrics\n');
      } else if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
      } else {
        let body: string;
        try {
          body = await this.render();
        } catch (e) {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`metrics failed: ${(e as Error).message}\n`);
          return;
        }
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(req.method === 'HEAD' ? undefined : body);
      }
    });
    const failed = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      server.once('error', resolve);
      server.listen(port, host, () => resolve(null));
    });
    if (failed) return err(new MetricsListenError(`cannot serve metrics on ${host}:${port}: ${failed.code ?? failed.message}`, { cause: failed }));
    this.server = server;
    return ok((server.address() as { port: number }).port);
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

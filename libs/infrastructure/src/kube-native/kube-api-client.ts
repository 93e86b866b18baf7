import * as http from 'node:http';
import * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { err, ok, Result } from '@localport/domain';
import { failureFromError, failureFromStatus, KubeApiFailure } from './kube-api-failure';

/** TLS material and headers for one request or WebSocket to the API server, from the kubeconfig. */
export interface KubeConnectOptions {
  readonly ca?: Buffer | string;
  readonly cert?: Buffer | string;
  readonly key?: Buffer | string;
  readonly rejectUnauthorized?: boolean;
  readonly servername?: string;
  readonly auth?: string;
  readonly headers: Record<string, string>;
}

/** A watch in progress; `stop` ends it without calling `onEnd`. */
export interface WatchStream {
  stop(): void;
}

/**
 * The API server of one kubeconfig context: its URL, and TLS plus credentials (tokens, client certificates, exec
 * credential plugins, OIDC) applied by client-node's `KubeConfig` on every request, so expiring tokens are refreshed.
 */
export class KubeApiClient {
  constructor(
    private readonly kc: KubeConfig,
    readonly context: string,
  ) {}

  /** The kubeconfig of this one context (its current context), for client-node's generated API clients. */
  get kubeConfig(): KubeConfig {
    return this.kc;
  }

  /** `https://host:port` without a trailing slash. */
  get server(): string {
    return (this.kc.getCurrentCluster()?.server ?? '').replace(/\/+$/, '');
  }

  /** Fresh options for one connection (an exec plugin may run, so this can fail). */
  async connectOptions(): Promise<KubeConnectOptions> {
    const opts: https.RequestOptions = {};
    await this.kc.applyToHTTPSOptions(opts);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.headers ?? {})) if (v !== undefined) headers[k] = String(v);
    const { ca, cert, key, rejectUnauthorized, servername, auth } = opts as https.RequestOptions & { servername?: string };
    return { ca: ca as Buffer | undefined, cert: cert as Buffer | undefined, key: key as Buffer | undefined, rejectUnauthorized, servername, auth: auth ?? undefined, headers };
  }

  /** GETs a JSON document; resolves with it or the failure (never rejects). */
  async getJson<T>(path: string, timeoutMs: number): Promise<Result<T, KubeApiFailure>> {
    const what = `GET ${path}`;
    let options: KubeConnectOptions;
    try {
      options = await this.connectOptions();
    } catch (e) {
      return err(failureFromError(e, `credentials for context ${this.context}`));
    }
    return new Promise((resolve) => {
      const req = this.request(path, options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => resolve(err(failureFromError(e, what))));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) return resolve(err(failureFromStatus(res.statusCode ?? 0, what, body)));
          try {
            resolve(ok(JSON.parse(body) as T));
          } catch (e) {
            resolve(err(new KubeApiFailure('protocol', `${what}: invalid JSON`, 200, { cause: e })));
          }
        });
      });
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
      req.on('error', (e) => resolve(err(failureFromError(e, what))));
      req.end();
    });
  }

  /** Streams a watch: one parsed JSON event per line to `onEvent`; `onEnd` once it ends (null when the server closed it cleanly). */
  watch(path: string, onEvent: (event: { type: string; object: unknown }) => void, onEnd: (failure: KubeApiFailure | null) => void): WatchStream {
    const what = `watch ${path}`;
    let stopped = false;
    let req: http.ClientRequest | undefined;
    const end = (failure: KubeApiFailure | null): void => {
      if (stopped) return;
      stopped = true;
      onEnd(failure);
    };
    this.connectOptions().then(
      (options) => {
        if (stopped) return;
        req = this.request(path, options, (res) => {
          if (res.statusCode !== 200) {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => end(failureFromStatus(res.statusCode ?? 0, what, Buffer.concat(chunks).toString('utf8'))));
            return;
          }
          let buffered = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffered += chunk;
            let nl: number;
            while ((nl = buffered.indexOf('\n')) >= 0 && !stopped) {
              const line = buffered.slice(0, nl).trim();
              buffered = buffered.slice(nl + 1);
              if (line) onEvent(JSON.parse(line) as { type: string; object: unknown });
            }
          });
          res.on('error', (e) => end(failureFromError(e, what)));
          res.on('end', () => end(null));
        });
        req.on('error', (e) => end(failureFromError(e, what)));
        req.end();
      },
      (e: unknown) => end(failureFromError(e, `credentials for context ${this.context}`)),
    );
    return {
      stop: () => {
        stopped = true;
        req?.destroy();
      },
    };
  }

  private request(path: string, o: KubeConnectOptions, onResponse: (res: http.IncomingMessage) => void): http.ClientRequest {
    const url = new URL(this.server + path);
    const common = { method: 'GET', headers: { Accept: 'application/json', ...o.headers }, auth: o.auth };
    if (url.protocol === 'http:') return http.request(url, common, onResponse);
    return https.request(url, { ...common, ca: o.ca, cert: o.cert, key: o.key, rejectUnauthorized: o.rejectUnauthorized, servername: o.servername, agent: false }, onResponse);
  }
}

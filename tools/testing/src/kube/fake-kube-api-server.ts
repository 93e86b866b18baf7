import { createServer as createHttpServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { defaultDemoState } from './demo-kube-state';
import { emptyKubeState, FakeKubeState } from './fake-kube-state';
import { fakeKubeCertificate } from './fake-kube-tls';
import { KubeconfigOptions, writeKubeconfigFile } from './kubeconfig-writer';
import { statusReply } from './kube-status';
import { routeRest } from './kube-rest-router';
import { KubeWatchHub } from './kube-watch-hub';
import { isWatchRequest, serveWatch } from './kube-watch-stream';
import { answerChosenProtocol, handlePortForwardUpgrade, isPortForwardUpgrade, PortForwardHost, PortForwardSession } from './port-forward-upgrade';

/** Options for {@link startFakeKubeApiServer}. */
export interface FakeKubeApiServerOptions {
  /** Serve https with a self-signed CA (written into kubeconfigs); default false (http + insecure-skip-tls-verify). */
  tls?: boolean;
  /** Default 0 (any free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Merged over {@link emptyKubeState}; when omitted the server starts with {@link defaultDemoState}. */
  state?: Partial<FakeKubeState>;
}

/** One request the fake received (upgrades included), for assertions. */
export interface RecordedKubeRequest {
  method: string;
  /** Path with query string, as sent. */
  path: string;
  at: number;
  userAgent?: string;
}

/** How often live port-forwards are checked against the state (pod deleted, recreated or not Running ends them). */
const WATCHDOG_MS = 200;
/** How often open watches look for state changes. */
const WATCH_TICK_MS = 25;

/**
 * A protocol-accurate stand-in for kube-apiserver plus kubelet port-forwarding, for real kubectl and client-node.
 * Serves `state` as it is at each request; records requests and port-forward sessions.
 */
export class FakeKubeApiServer {
  /** Everything served; mutate freely. */
  state: FakeKubeState;
  readonly requests: RecordedKubeRequest[] = [];
  /** Every port-forward session ever accepted, in order (ended ones stay). */
  readonly portForwardSessions: PortForwardSession[] = [];
  private readonly server: Server;
  private readonly wss = new WebSocketServer({ noServer: true, handleProtocols: answerChosenProtocol, perMessageDeflate: false });
  private readonly sockets = new Set<Socket>();
  private readonly live = new Map<PortForwardSession, () => void>();
  private watchdog: NodeJS.Timeout | undefined;
  private watchTicker: NodeJS.Timeout | undefined;
  /** Bearer tokens answered with 401 Unauthorized (kubeconfigs written here carry `fake-token-<context>`). */
  readonly rejectedTokens = new Set<string>();
  /** Tracks resourceVersions and turns state changes into watch events. */
  readonly watches = new KubeWatchHub();
  private listening = false;
  private boundPort: number;

  /** Use {@link startFakeKubeApiServer}. */
  constructor(
    private readonly host: string,
    port: number,
    private readonly caPem: string | undefined,
    tlsKey: string | undefined,
    state: FakeKubeState,
  ) {
    this.state = state;
    this.boundPort = port;
    const onRequest = (req: IncomingMessage, res: ServerResponse): void => this.onRequest(req, res);
    this.server = caPem && tlsKey ? createHttpsServer({ cert: caPem, key: tlsKey }, onRequest) : createHttpServer(onRequest);
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.onUpgrade(req, socket, head));
    this.server.on('clientError', (_err, socket: Duplex) => socket.destroy());
  }

  /** `http(s)://host:port` of the API server. */
  get url(): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `${this.caPem ? 'https' : 'http'}://${host}:${this.port}`;
  }

  /** The bound port; kept across stop()/start(). */
  get port(): number {
    return this.boundPort;
  }

  /** The PEM of the self-signed CA, when serving https. */
  get certificateAuthority(): string | undefined {
    return this.caPem;
  }

  /** Port-forward sessions still open. */
  get activePortForwards(): PortForwardSession[] {
    return [...this.live.keys()];
  }

  /** Writes a kubeconfig for this server: https with CA data, or http with `insecure-skip-tls-verify: true`. */
  writeKubeconfig(file: string, opts: KubeconfigOptions = {}): void {
    writeKubeconfigFile(file, { url: this.url, caPem: this.caPem }, opts);
  }

  /** Forgets recorded requests and sessions (live sessions keep running), e.g. between tests. */
  clearRecords(): void {
    this.requests.length = 0;
    this.portForwardSessions.length = 0;
  }

  /** Ends live port-forwards (all, or those of one pod) the way a kubelet restart would; returns how many. */
  dropPortForwards(match: { namespace?: string; pod?: string } = {}): number {
    const doomed = [...this.live].filter(([s]) => (match.namespace ?? s.namespace) === s.namespace && (match.pod ?? s.pod) === s.pod);
    for (const [, close] of doomed) close();
    return doomed.length;
  }

  /** Listens (again) on the same host and port: an outage is over. */
  async start(): Promise<void> {
    if (this.listening) return;
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.boundPort, this.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.listening = true;
    const address = this.server.address();
    if (address && typeof address === 'object') this.boundPort = address.port;
    this.watchdog = setInterval(() => this.endOrphanedForwards(), WATCHDOG_MS).unref();
    this.watchTicker = setInterval(() => this.watches.tick(this.state), WATCH_TICK_MS).unref();
  }

  /** Simulates an outage: stops listening and destroys every connection and tunnel at once. */
  async stop(): Promise<void> {
    clearInterval(this.watchdog);
    clearInterval(this.watchTicker);
    this.watchdog = undefined;
    if (!this.listening) return;
    this.listening = false;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const close of [...this.live.values()]) close();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }

  /** Final teardown. */
  async close(): Promise<void> {
    await this.stop();
    this.wss.close();
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    this.record(req);
    let reply;
    try {
      if (this.unauthorized(req)) throw new UnauthorizedError();
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'GET' && isWatchRequest(url)) {
        reply = serveWatch(url, res, this.state, this.watches);
        if (!reply) return;
      } else {
        reply = routeRest({ method: req.method ?? 'GET', url, accept: req.headers.accept, serverAddress: `${this.host}:${this.port}` }, this.state, this.watches);
      }
    } catch (e) {
      reply = e instanceof UnauthorizedError ? statusReply(401, 'Unauthorized') : statusReply(500, `fake API server failure: ${(e as Error).message}`);
    }
    // As kube-apiserver does; without it the kubectl dispatcher reuses a cached /version for an hour.
    res.writeHead(reply.status, { 'Content-Type': reply.contentType, 'Content-Length': Buffer.byteLength(reply.body), 'Cache-Control': 'no-cache, private' });
    res.end(req.method === 'HEAD' ? undefined : reply.body);
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.record(req);
    socket.on('error', () => socket.destroy());
    if (this.unauthorized(req)) {
      const reply = statusReply(401, 'Unauthorized');
      socket.end(`HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(reply.body)}\r\nConnection: close\r\n\r\n${reply.body}`);
      return;
    }
    if (!isPortForwardUpgrade(req)) {
      const reply = statusReply(404, 'the fake API server only upgrades pods/portforward');
      socket.end(`HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(reply.body)}\r\n\r\n${reply.body}`);
      return;
    }
    const currentState = (): FakeKubeState => this.state;
    const host: PortForwardHost = {
      get state() {
        return currentState();
      },
      wss: this.wss,
      register: (session, close) => {
        this.portForwardSessions.push(session);
        this.live.set(session, close);
        return () => this.live.delete(session);
      },
    };
    handlePortForwardUpgrade(req, socket, head, host);
  }

  private unauthorized(req: IncomingMessage): boolean {
    const auth = String(req.headers.authorization ?? '');
    return this.rejectedTokens.size > 0 && auth.startsWith('Bearer ') && this.rejectedTokens.has(auth.slice(7));
  }

  private record(req: IncomingMessage): void {
    this.requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', at: Date.now(), userAgent: req.headers['user-agent'] });
  }

  /** A deleted, recreated (new uid) or no longer Running pod takes its port-forwards down with it, as on a real node. */
  private endOrphanedForwards(): void {
    for (const [s, close] of [...this.live]) {
      const pod = this.state.pods.find((p) => p.namespace === s.namespace && p.name === s.pod);
      if (!pod || pod.uid !== s.uid || pod.phase !== 'Running') close();
    }
  }
}

class UnauthorizedError extends Error {}

/** Starts a fake API server on loopback (port 0 = any free port). Call `close()` when done. */
export async function startFakeKubeApiServer(opts: FakeKubeApiServerOptions = {}): Promise<FakeKubeApiServer> {
  const tls = opts.tls ? await fakeKubeCertificate() : undefined;
  const state = opts.state ? { ...emptyKubeState(), ...opts.state } : defaultDemoState();
  const server = new FakeKubeApiServer(opts.host ?? '127.0.0.1', opts.port ?? 0, tls?.cert, tls?.key, state);
  await server.start();
  return server;
}

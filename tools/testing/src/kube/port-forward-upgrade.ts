import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { FakeKubeState } from './fake-kube-state';
import { serveChannelPortForward } from './channel-port-forward';
import { PodBinding } from './pod-port-dialer';
import { serveSpdyPortForward } from './spdy-port-forward';
import { KubeReply, notFoundReply, statusReply } from './kube-status';

/** How a port-forward session reached the fake. */
export type PortForwardTransport = 'websocket-spdy' | 'spdy' | 'v4.channel';

/** One port-forward session, as recorded in `portForwardSessions`. */
export interface PortForwardSession {
  transport: PortForwardTransport;
  namespace: string;
  pod: string;
  /** The pod's uid at connect time; the session ends when the pod is deleted, recreated or stops running. */
  uid: string;
  at: number;
}

/** What the upgrade handler needs from the server. */
export interface PortForwardHost {
  readonly state: FakeKubeState;
  readonly wss: WebSocketServer;
  /** Records a session; `close` tears it down. Returns the function to call once it has ended. */
  register(session: PortForwardSession, close: () => void): () => void;
}

const PORTFORWARD_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/portforward\/?$/;
const SPDY_TUNNEL_PROTOCOL = 'SPDY/3.1+portforward.k8s.io';
const CHANNEL_PROTOCOL = 'v4.channel.k8s.io';
/** `ws` rejects `SPDY/3.1+portforward.k8s.io` as a header token; we swap in this and answer the real name. */
const PLACEHOLDER = 'localport-fake-subprotocol';
const chosenProtocol = new WeakMap<IncomingMessage, string>();

/** The `handleProtocols` hook for the server's WebSocketServer: answers the subprotocol picked before the swap. */
export const answerChosenProtocol = (_offered: Set<string>, req: IncomingMessage): string | false => chosenProtocol.get(req) ?? false;

function reject(socket: Duplex, reply: KubeReply): void {
  const reason = reply.status === 404 ? 'Not Found' : reply.status === 400 ? 'Bad Request' : 'Error';
  socket.end(
    `HTTP/1.1 ${reply.status} ${reason}\r\nContent-Type: ${reply.contentType}\r\nContent-Length: ${Buffer.byteLength(reply.body)}\r\n` +
      `Connection: close\r\n\r\n${reply.body}`,
  );
}

/** True when an upgrade request targets a pod's `portforward` subresource. */
export const isPortForwardUpgrade = (req: IncomingMessage): boolean => PORTFORWARD_PATH.test(new URL(req.url ?? '/', 'http://x').pathname);

/** Accepts a port-forward upgrade over any of the three transports, or answers it with a Status error. */
export function handlePortForwardUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, host: PortForwardHost): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const [, namespace, name] = PORTFORWARD_PATH.exec(url.pathname)?.map(decodeURIComponent) ?? [];
  const pod = host.state.pods.find((p) => p.namespace === namespace && p.name === name);
  if (!pod) return reject(socket, notFoundReply('pods', name));
  if (pod.phase !== 'Running') return reject(socket, statusReply(400, `pod ${name} is not running (phase ${pod.phase})`));
  const binding: PodBinding = { namespace, pod: name, uid: pod.uid, targetFor: (port) => host.state.portTargets[`${namespace}/${name}`]?.[port] };
  const session = (transport: PortForwardTransport): PortForwardSession => ({ transport, namespace, pod: name, uid: pod.uid, at: Date.now() });

  const upgrade = String(req.headers.upgrade ?? '').toLowerCase();
  if (upgrade === 'websocket') {
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const chosen = [SPDY_TUNNEL_PROTOCOL, CHANNEL_PROTOCOL].find((p) => offered.includes(p));
    if (!chosen) return reject(socket, statusReply(400, `no supported port-forward subprotocol among: ${offered.join(', ')}`));
    const ports = url.searchParams.getAll('ports').flatMap((p) => p.split(',')).map(Number);
    if (chosen === CHANNEL_PROTOCOL && (ports.length === 0 || ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535))) {
      return reject(socket, statusReply(400, 'at least one valid port is required in ?ports='));
    }
    chosenProtocol.set(req, chosen);
    req.headers['sec-websocket-protocol'] = PLACEHOLDER;
    host.wss.handleUpgrade(req, socket, head, (ws) => {
      let close: () => void = () => ws.terminate();
      if (chosen === CHANNEL_PROTOCOL) {
        const done = host.register(session('v4.channel'), () => close());
        close = serveChannelPortForward(ws, binding, ports, () => done());
      } else {
        // The WebSocket is only a byte pipe for SPDY frames (client-go's TunnelingConnection); no channel byte.
        const done = host.register(session('websocket-spdy'), () => close());
        close = serveSpdyPortForward(createWebSocketStream(ws), binding, () => done());
      }
    });
    return;
  }
  if (upgrade === 'spdy/3.1') {
    if (!String(req.headers['x-stream-protocol-version'] ?? '').includes('portforward.k8s.io')) {
      return reject(socket, statusReply(400, 'unable to negotiate a port-forward stream protocol'));
    }
    socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    let close: () => void = () => socket.destroy();
    const done = host.register(session('spdy'), () => close());
    close = serveSpdyPortForward(socket, binding, () => done());
    return;
  }
  reject(socket, statusReply(400, `unsupported upgrade: ${upgrade || '(none)'}`));
}

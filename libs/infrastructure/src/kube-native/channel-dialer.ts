import { ClientOptions, WebSocket } from 'ws';
import { ChannelStream } from './channel-stream';
import { KubeApiClient } from './kube-api-client';
import { failureFromError, KubeApiFailure } from './kube-api-failure';
import { PodTarget } from './target-plan';

const PROTOCOL = 'v4.channel.k8s.io';

/**
 * Opens one `v4.channel.k8s.io` port-forward WebSocket to a pod port with the context's TLS and credentials.
 * Resolves once the upgrade is done (the kubelet has then dialed the port, or will report on the error channel);
 * rejects with a {@link KubeApiFailure} (401/403 are `auth`, 404 `not-found`, refused/timeouts `unreachable`).
 */
export async function dialChannel(client: KubeApiClient, pod: PodTarget, timeoutMs: number): Promise<ChannelStream> {
  const what = `port-forward to pod ${pod.namespace}/${pod.name}:${pod.port}`;
  let o;
  try {
    o = await client.connectOptions();
  } catch (e) {
    throw failureFromError(e, `credentials for context ${client.context}`);
  }
  const url = `${client.server.replace(/^http/, 'ws')}/api/v1/namespaces/${encodeURIComponent(pod.namespace)}/pods/${encodeURIComponent(pod.name)}/portforward?ports=${pod.port}`;
  const zeroMask = url.startsWith('wss:');
  // ws hands these to tls.connect, which also takes `servername` (the kubeconfig's tls-server-name).
  const wsOptions: ClientOptions & { servername?: string; auth?: string } = {
    headers: o.headers,
    auth: o.auth,
    ca: o.ca,
    cert: o.cert,
    key: o.key,
    rejectUnauthorized: o.rejectUnauthorized,
    servername: o.servername,
    perMessageDeflate: false,
    // Only the error channel is text, and it is read as a message, not trusted as UTF-8.
    skipUTF8Validation: true,
    handshakeTimeout: Math.max(1, Math.round(timeoutMs)),
    // Masking protects proxies from browser-made frames; inside TLS, from a non-browser client, it only costs a
    // JS pass over every byte sent. An all-zero key makes ws skip it (the frame stays valid).
    ...(zeroMask ? { generateMask: (mask: Buffer) => void mask.fill(0) } : {}),
  };
  const ws = new WebSocket(url, [PROTOCOL], wsOptions);
  // Wrapped at once so no frame that arrives with the upgrade reply is missed.
  const stream = new ChannelStream(ws, pod.uid, zeroMask);
  return new Promise<ChannelStream>((resolve, reject) => {
    let failure: KubeApiFailure | null = null;
    const onError = (e: Error): void => {
      failure ??= failureFromError(e, what);
    };
    const onStreamError = (): void => reject(failure ?? new KubeApiFailure('unreachable', `${what}: closed before it opened`));
    ws.on('error', onError);
    stream.once('error', onStreamError);
    ws.once('open', () => {
      ws.off('error', onError);
      stream.off('error', onStreamError);
      if (ws.protocol !== PROTOCOL) {
        stream.destroy();
        return reject(new KubeApiFailure('protocol', `${what}: the server chose subprotocol "${ws.protocol}", not ${PROTOCOL}`));
      }
      resolve(stream);
    });
  });
}

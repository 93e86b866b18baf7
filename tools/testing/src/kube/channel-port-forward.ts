import type { Socket } from 'node:net';
import type { RawData, WebSocket } from 'ws';
import { dialPodPort, PodBinding } from './pod-port-dialer';

const toBuffer = (data: RawData): Buffer => (Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data));

/**
 * Serves `v4.channel.k8s.io` port-forwarding (what @kubernetes/client-node's PortForward speaks) for the `?ports=` list.
 * Every binary message is `[channel][payload]`: channel 2i carries data for port i, 2i+1 its errors. Each channel first
 * gets the port as uint16 little-endian. An error is text on the error channel, then the socket closes.
 * Returns a function that tears the session down; `onClose` runs once either way.
 */
export function serveChannelPortForward(ws: WebSocket, binding: PodBinding, ports: number[], onClose: () => void): () => void {
  const upstreams: Array<Socket | undefined> = [];
  const pending: Buffer[][] = ports.map(() => []);
  const send = (channel: number, payload: Buffer): void => {
    if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([channel]), payload]));
  };

  ports.forEach((port, i) => {
    const prefix = Buffer.from([port & 0xff, port >> 8]);
    send(2 * i, prefix);
    send(2 * i + 1, prefix);
    void dialPodPort(binding, port).then((outcome) => {
      if ('error' in outcome) {
        send(2 * i + 1, Buffer.from(outcome.error));
        ws.close(1000);
        return;
      }
      const upstream = outcome.socket;
      if (ws.readyState !== ws.OPEN) {
        upstream.destroy();
        return;
      }
      upstreams[i] = upstream;
      for (const chunk of pending[i].splice(0)) upstream.write(chunk);
      upstream.on('data', (chunk: Buffer) => send(2 * i, chunk));
      // Like containerd's port-forward: the first direction to end ends the whole connection (v4 has no half-close).
      upstream.on('end', () => ws.close(1000));
      upstream.on('close', () => ws.close(1000));
    });
  });

  ws.on('message', (raw, isBinary) => {
    const frame = toBuffer(raw);
    if (!isBinary || frame.length === 0 || frame[0] % 2 !== 0) return;
    const i = frame[0] / 2;
    if (i >= ports.length) return;
    const payload = frame.subarray(1);
    if (upstreams[i]) upstreams[i].write(payload);
    else pending[i].push(payload);
  });

  let closed = false;
  const finish = (): void => {
    if (closed) return;
    closed = true;
    for (const upstream of upstreams) upstream?.destroy();
    onClose();
  };
  ws.on('close', finish);
  ws.on('error', () => ws.terminate());
  return () => {
    ws.terminate();
    finish();
  };
}

import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import * as spdy from 'spdy-transport';
import type { Stream } from 'spdy-transport';
import { dialPodPort, PodBinding } from './pod-port-dialer';
import { adaptToGoSpdystream } from './spdy-go-compat';

interface StreamPair {
  error?: Stream;
  data?: Stream;
}

/**
 * Serves kubectl's port-forward protocol (portforward.k8s.io over SPDY/3.1) on an already upgraded byte pipe:
 * the raw socket after `Upgrade: SPDY/3.1`, or the WebSocket tunnel's stream. Per forwarded connection kubectl opens
 * an `error` stream then a `data` stream (headers `streamtype`, `port`, `requestid`); data is raw bytes.
 * Returns a function that tears the session down; `onClose` runs once either way.
 */
export function serveSpdyPortForward(pipe: Duplex, binding: PodBinding, onClose: () => void): () => void {
  const conn = spdy.connection.create(pipe, { protocol: 'spdy', isServer: true });
  adaptToGoSpdystream(conn);
  conn.start(3.1);
  const upstreams = new Set<Socket>();
  const pairs = new Map<string, StreamPair>();
  let closed = false;

  const forward = async (pair: StreamPair, data: Stream, port: number): Promise<void> => {
    const outcome = await dialPodPort(binding, port);
    if ('error' in outcome) {
      // Any text on the error stream makes kubectl report the failure and drop the whole connection.
      pair.error?.end(outcome.error);
      data.end();
      return;
    }
    const upstream = outcome.socket;
    if (closed) {
      upstream.destroy();
      return;
    }
    upstreams.add(upstream);
    upstream.pipe(data);
    data.pipe(upstream);
    upstream.on('close', () => {
      upstreams.delete(upstream);
      if (!data.writableEnded) data.end();
      // kubectl waits for the error stream to end before it forgets this connection.
      pair.error?.end();
    });
    data.on('close', () => upstream.end());
  };

  conn.on('stream', (stream) => {
    stream.on('error', () => stream.destroy());
    stream.respond(200, {});
    const { streamtype: type, requestid: requestId = String(stream.id), port } = stream.headers;
    const pair = pairs.get(requestId) ?? {};
    pairs.set(requestId, pair);
    if (type === 'error') {
      pair.error = stream;
      stream.resume();
    } else if (type === 'data') {
      pair.data = stream;
      pairs.delete(requestId);
      void forward(pair, stream, Number(port));
    } else {
      stream.destroy();
    }
  });

  const finish = (): void => {
    if (closed) return;
    closed = true;
    for (const upstream of upstreams) upstream.destroy();
    upstreams.clear();
    pairs.clear();
    onClose();
  };
  conn.on('error', () => pipe.destroy());
  conn.on('close', finish);
  pipe.on('close', finish);
  return () => {
    pipe.destroy();
    finish();
  };
}

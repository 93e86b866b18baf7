import { connect, Socket } from 'node:net';
import { StreamEndpoint, UpstreamEndpoint } from '@localport/application';

/** A dial in progress: the socket (attach your own 'error' listener at once) and its outcome. */
export interface Dial {
  readonly socket: Socket;
  /** null once connected, else why it failed (the socket is then destroyed). */
  readonly outcome: Promise<string | null>;
}

/** Connects to a TCP or Unix-socket endpoint, half-close enabled, giving up after `timeoutMs`. */
export function dialUpstream(endpoint: Exclude<UpstreamEndpoint, StreamEndpoint>, timeoutMs: number): Dial {
  const socket =
    endpoint.kind === 'tcp'
      ? connect({ host: endpoint.host, port: endpoint.port, allowHalfOpen: true, noDelay: true })
      : connect({ path: endpoint.path, allowHalfOpen: true });
  const outcome = new Promise<string | null>((resolve) => {
    const finish = (failure: string | null): void => {
      clearTimeout(timer);
      socket.off('connect', onConnect).off('error', onError).off('close', onClose);
      if (failure !== null) socket.destroy();
      resolve(failure);
    };
    const onConnect = (): void => finish(null);
    const onError = (e: Error): void => finish(e.message);
    const onClose = (): void => finish('connection closed before it was established');
    const timer = setTimeout(() => finish(`connect timed out after ${Math.round(timeoutMs)} ms`), Math.max(1, timeoutMs));
    socket.once('connect', onConnect).once('error', onError).once('close', onClose);
  });
  return { socket, outcome };
}

import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { HealthTarget } from '@localport/application';
import { ok, TcpCheck } from '@localport/domain';
import { hostPort } from '../net/host-port';
import { TcpForwardListener } from '../net/tcp-forward-listener';
import { TypedHealthProber } from './typed-health-prober';
import { CheckResult, failed, messageOf, withDeadline } from './with-deadline';

/**
 * TCP check: healthy when a connection opens AND the far side neither closes nor resets it during a short
 * settle window (min(250 ms, timeout/2)). A bare connect proves nothing through LocalPort's own relay: it
 * accepts every client first and closes it when the upstream is dead (or kubectl closes it when the pod is).
 *
 * Aimed at a service's own local port (no host/port of its own) in the daemon that listens there, the check
 * asks that listener for a connection to the upstream instead, as the relay opens one for each client: the
 * same verdict (ssh or kubectl opens a channel to the target for it) at a third of the sockets, accept and relay.
 */
export class TcpHealthProber implements TypedHealthProber<TcpCheck> {
  check(spec: TcpCheck, target: HealthTarget, signal: AbortSignal): Promise<CheckResult> {
    const host = spec.host ?? target.host;
    const port = spec.port ?? target.port;
    const settleMs = Math.min(250, spec.timeoutMs / 2);
    const where = hostPort(host, port);
    const own = spec.host === undefined && spec.port === undefined && target.listener instanceof TcpForwardListener ? target.listener : null;
    return withDeadline(`tcp check of ${where}`, spec.timeoutMs, signal, (s) => (own ? throughListener(own, where, spec.timeoutMs, settleMs, s) : probe(host, port, where, settleMs, s)));
  }
}

function probe(host: string, port: number, where: string, settleMs: number, signal: AbortSignal): Promise<CheckResult> {
  return settle(connect({ host, port }), where, settleMs, signal, (e) => connectFailure(where, e));
}

async function throughListener(listener: TcpForwardListener, where: string, timeoutMs: number, settleMs: number, signal: AbortSignal): Promise<CheckResult> {
  const opened = await listener.connectUpstream(timeoutMs, signal);
  if ('failure' in opened) return failed(`${where} has no working tunnel behind it: ${opened.failure}`);
  if (signal.aborted) {
    opened.socket.destroy();
    return failed(`tcp check of ${where} was cancelled`);
  }
  return settle(opened.socket, where, settleMs, signal, (e) => `the tunnel behind ${where} failed: ${messageOf(e)}`);
}

/**
 * Healthy once `socket` connects (at once if it already has) and stays open for `settleMs`; a close or reset
 * during the window fails the check, as does any other error (described by `describe`).
 */
function settle(socket: Duplex, where: string, settleMs: number, signal: AbortSignal, describe: (e: NodeJS.ErrnoException) => string): Promise<CheckResult> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (result: CheckResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(result);
    };
    const onAbort = (): void => finish(failed(`tcp check of ${where} was cancelled`));
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      // A reset can surface as the connect's own error when it lands before the connect is processed.
      if (e.code === 'ECONNRESET' || e.code === 'EPIPE') finish(failed(`${where} accepted the connection, then reset it: nothing answering behind the port?`, e));
      else finish(failed(describe(e), e));
    });
    const connected = (): void => {
      socket.resume(); // read (and drop) any banner so a FIN is seen at once
      timer = setTimeout(() => finish(ok(undefined)), settleMs);
    };
    if ((socket as { connecting?: boolean }).connecting === true) socket.once('connect', connected);
    else connected();
    // An upstream socket is half-open: the far side's FIN is an 'end' with no 'close' until this side ends too.
    const closed = (): void => finish(failed(`${where} accepted the connection, then closed it: nothing answering behind the port?`));
    socket.once('end', closed).once('close', closed);
  });
}

function connectFailure(where: string, e: NodeJS.ErrnoException): string {
  if (e.code === 'ECONNREFUSED') return `connection to ${where} refused`;
  return `cannot connect to ${where}: ${messageOf(e)}`;
}

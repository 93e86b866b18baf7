import { connect } from 'node:net';
import { HealthTarget } from '@localport/application';
import { ok, TcpCheck } from '@localport/domain';
import { hostPort } from '../net/host-port';
import { TypedHealthProber } from './typed-health-prober';
import { CheckResult, failed, messageOf, withDeadline } from './with-deadline';

/**
 * TCP check: healthy when a connection opens AND the far side neither closes nor resets it during a short
 * settle window (min(250 ms, timeout/2)). A bare connect proves nothing through LocalPort's own relay: it
 * accepts every client first and closes it when the upstream is dead (or kubectl closes it when the pod is).
 */
export class TcpHealthProber implements TypedHealthProber<TcpCheck> {
  check(spec: TcpCheck, target: HealthTarget, signal: AbortSignal): Promise<CheckResult> {
    const host = spec.host ?? target.host;
    const port = spec.port ?? target.port;
    const settleMs = Math.min(250, spec.timeoutMs / 2);
    return withDeadline(`tcp check of ${hostPort(host, port)}`, spec.timeoutMs, signal, (s) => probe(host, port, settleMs, s));
  }
}

function probe(host: string, port: number, settleMs: number, signal: AbortSignal): Promise<CheckResult> {
  const where = hostPort(host, port);
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let settle: NodeJS.Timeout | undefined;
    const finish = (result: CheckResult): void => {
      clearTimeout(settle);
      signal.removeEventListener('abort', onAbort);
      socket.removeAllListeners('close');
      socket.destroy();
      resolve(result);
    };
    const onAbort = (): void => finish(failed(`tcp check of ${where} was cancelled`));
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      // A reset can surface as the connect's own error when it lands before the connect is processed.
      if (e.code === 'ECONNRESET' || e.code === 'EPIPE') finish(failed(`${where} accepted the connection, then reset it: nothing answering behind the port?`, e));
      else finish(failed(connectFailure(where, e), e));
    });
    socket.once('connect', () => {
      socket.resume(); // read (and drop) any banner so a FIN is seen at once
      settle = setTimeout(() => finish(ok(undefined)), settleMs);
    });
    socket.once('close', () => finish(failed(`${where} accepted the connection, then closed it: nothing answering behind the port?`)));
  });
}

function connectFailure(where: string, e: NodeJS.ErrnoException): string {
  if (e.code === 'ECONNREFUSED') return `connection to ${where} refused`;
  return `cannot connect to ${where}: ${messageOf(e)}`;
}

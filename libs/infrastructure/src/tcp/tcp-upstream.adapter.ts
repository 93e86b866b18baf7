import { connect } from 'node:net';
import { LaunchOptions, RunningTunnel, TunnelError, TunnelExit, TunnelLauncher } from '@localport/application';
import { err, ok, Result, Service } from '@localport/domain';
import { isTcpConnection } from './tcp-connection';

/**
 * The upstream of a plain TCP forward. There is no process: the endpoint is the target itself. A launch
 * connects once to check the target answers, so a dead target is a launch failure that follows the restart
 * policy; once running, a refused dial reported by the relay or failed health checks end it like any tunnel.
 */
export class TcpUpstreamLauncher implements TunnelLauncher {
  readonly technology = 'tcp';

  async launch(service: Service, options: LaunchOptions): Promise<Result<RunningTunnel, TunnelError>> {
    const c = service.connection;
    if (!isTcpConnection(c)) return err(new TunnelError('TUNNEL.EXITED', `${service.name} is not a tcp service`, true));
    const port = c.port;
    options.output(`connecting to ${c.host}:${port} to check it answers`);
    const reached = await reachable(c.host, port, options);
    if (!reached.ok) {
      options.output(reached.error.message);
      return reached;
    }
    options.output(`${c.host}:${port} answers; forwarding to it`);
    let stopped: (exit: TunnelExit) => void = () => undefined;
    const exited = new Promise<TunnelExit>((resolve) => (stopped = resolve));
    return ok({
      endpoint: { kind: 'tcp', host: c.host, port },
      pid: null,
      exited,
      stop: async () => stopped({ code: null, signal: null, error: new TunnelError('TUNNEL.EXITED', 'tcp forward was stopped') }),
    });
  }
}

/** Connects once to `host:port` within the start timeout; the TunnelError says why not. */
function reachable(host: string, port: number, options: LaunchOptions): Promise<Result<true, TunnelError>> {
  if (options.signal.aborted) return Promise.resolve(err(new TunnelError('TUNNEL.EXITED', 'tcp launch was cancelled')));
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (result: Result<true, TunnelError>) => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done(err(new TunnelError('TUNNEL.START_TIMEOUT', `${host}:${port} did not answer within ${options.startTimeoutMs} ms`))), options.startTimeoutMs);
    const onAbort = () => done(err(new TunnelError('TUNNEL.EXITED', 'tcp launch was cancelled')));
    options.signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => done(ok(true)));
    socket.once('error', (e: NodeJS.ErrnoException) => {
      const code = e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN' ? 'TUNNEL.NOT_FOUND' : 'TUNNEL.UNREACHABLE';
      const why = e.code === 'ECONNREFUSED' ? 'connection refused (nothing listens there)' : e.code === 'ENOTFOUND' ? 'no such host' : (e.code ?? e.message);
      done(err(new TunnelError(code, `cannot reach ${host}:${port}: ${why}`, false, { cause: e })));
    });
  });
}

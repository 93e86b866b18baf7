import { connect } from 'node:net';
import { HostProbe } from '@localport/application';

/**
 * The HostProbe over a plain TCP connect: true as soon as the connection is made (it is closed at
 * once, nothing is sent), false on refusal, no route, a name that does not resolve, or no answer
 * within the timeout. Never rejects.
 */
export class TcpHostProbe implements HostProbe {
  reachable(host: string, port: number, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = connect({ host, port });
      const done = (ok: boolean) => {
        clearTimeout(timer);
        socket.destroy();
        resolve(ok);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      socket.once('connect', () => done(true));
      socket.once('error', () => done(false));
    });
  }
}

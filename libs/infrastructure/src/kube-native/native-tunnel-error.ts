import { TunnelError } from '@localport/application';
import { KubeApiFailure } from './kube-api-failure';

/** Translates an API failure of the native forwarder into the tunnel error the supervisor acts on. */
export function nativeTunnelError(failure: KubeApiFailure, service: string, context: string): TunnelError {
  switch (failure.kind) {
    case 'auth':
      // A certificate kubectl would refuse as well: asking to let kubectl authenticate would not help.
      if (failure.reason?.startsWith('TLS.'))
        return new TunnelError('TUNNEL.AUTH', `${service}: the API server of context ${context} cannot be trusted: ${failure.message}`, true, { cause: failure });
      return new TunnelError(
        'TUNNEL.AUTH',
        `${service}: the native forwarder was refused by context ${context} (${failure.message}). Check the kubeconfig ` +
          `credentials, or set "forwarder: kubectl" for this service to let kubectl authenticate.`,
        true,
        { cause: failure },
      );
    case 'not-found':
      return new TunnelError('TUNNEL.NOT_FOUND', `${service}: ${failure.message}`, true, { cause: failure });
    case 'unreachable':
      return new TunnelError('TUNNEL.UNREACHABLE', `${service}: the API server of context ${context} cannot be reached (${failure.message})`, false, { cause: failure });
    default:
      return new TunnelError('TUNNEL.EXITED', `${service}: ${failure.message}`, false, { cause: failure });
  }
}

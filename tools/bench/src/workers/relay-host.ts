import { ForwardListener } from '@localport/application';
import { TcpListenerFactory } from '@localport/infrastructure';

/**
 * LocalPort's relay alone, in a process of its own as in the daemon: TcpListenerFactory on 127.0.0.1:0 with an
 * UpstreamSource that always hands out the same TCP endpoint.
 */
export async function startRelay(upstreamPort: number): Promise<ForwardListener> {
  const endpoint = { kind: 'tcp' as const, host: '127.0.0.1', port: upstreamPort };
  const source = { acquire: async () => endpoint, reportDialFailure: () => undefined };
  const bound = await new TcpListenerFactory().listen({ address: '127.0.0.1', port: 0 }, source, { connectTimeoutMs: 10_000 });
  if (!bound.ok) throw bound.error;
  return bound.value;
}

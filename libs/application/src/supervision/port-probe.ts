import { Service } from '@localport/domain';
import { BindError, ListenerFactory, UpstreamSource } from '../ports/forward-listener.port';

/** A reload that would move a running service to a port it cannot bind; the service keeps its old port. */
export interface RefusedChange {
  readonly name: string;
  readonly code: string;
  readonly message: string;
}

const NOWHERE: UpstreamSource = { acquire: async () => null, reportDialFailure: () => undefined };

/** Whether a reload from `before` to `after` moves the service's local port. */
export const movesPort = (before: Service, after: Service): boolean => before.localPort !== after.localPort || before.bindAddress !== after.bindAddress;

/** Binds `service`'s local port for a moment to see whether it can be had; the error when it cannot. */
export async function probePort(listeners: ListenerFactory, service: Service): Promise<BindError | null> {
  const probe = await listeners.listen({ address: service.bindAddress, port: service.localPort }, NOWHERE, { connectTimeoutMs: 1 });
  if (!probe.ok) return probe.error;
  await probe.value.close();
  return null;
}

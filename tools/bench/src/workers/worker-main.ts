import { Server } from 'node:net';
import { ForwardListener } from '@localport/application';
import { churn } from './churn-client';
import { echoOnce, firstEchoes, killAndProbe, pingPong, throughput } from './load-client';
import { startRelay } from './relay-host';
import { startTargetServer } from './target-server';
import { serveWorker, WorkerRole } from './worker-rpc';

/** Runs this process as one of the bench's helpers until the bench disconnects. */
export function runWorker(role: WorkerRole): void {
  switch (role) {
    case 'target': {
      let server: Server | null = null;
      return serveWorker({
        start: async () => {
          server ??= await startTargetServer();
          return (server.address() as { port: number }).port;
        },
      });
    }
    case 'relay': {
      const relays: ForwardListener[] = [];
      return serveWorker({
        start: async (a: { upstreamPort: number }) => {
          const relay = await startRelay(a.upstreamPort);
          relays.push(relay);
          return relay.port;
        },
      });
    }
    case 'load':
      return serveWorker({ throughput, pingPong, echoOnce, firstEchoes, killAndProbe, churn });
  }
}

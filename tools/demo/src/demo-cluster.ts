import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultDemoState, FakeKubeApiServer, pod, service, startFakeKubeApiServer } from '@localport/testing/kube';
import { HttpTestServer, startHttpTestServer } from '@localport/testing/loopback';
import { EchoServer, startEchoServer } from '@localport/testing/net';

/** The demo's stand-in cluster: the project's test API server plus real loopback servers playing the pods. */
export interface DemoCluster {
  readonly api: FakeKubeApiServer;
  /** Plays pod `web-0` (container port 80): a small HTTP server. */
  readonly web: HttpTestServer;
  /** Plays pod `postgres-0` (container port 5432): echoes bytes back. */
  readonly postgres: EchoServer;
  /** Plays pod `redis-0` (container port 6379): echoes bytes back. */
  readonly redis: EchoServer;
  stop(): Promise<void>;
}

/** What the demo's web pod answers on `/`. */
export const WEB_GREETING = 'Hello from pod web-0 in the LocalPort demo cluster!';

function answerWeb(req: IncomingMessage, res: ServerResponse): void {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok\n');
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`${WEB_GREETING}\nYou asked for ${req.method} ${req.url} at ${new Date().toISOString()}.\n`);
}

/**
 * Starts the demo cluster: `defaultDemoState()` (nodes node-a/node-b, pods web-0 and postgres-0 with
 * their services) plus a `redis-0` pod and `redis` service, each pod's port served by a loopback server.
 */
export async function startDemoCluster(): Promise<DemoCluster> {
  const [web, postgres, redis] = await Promise.all([startHttpTestServer(answerWeb), startEchoServer(), startEchoServer()]);
  const state = defaultDemoState();
  state.pods.push(pod('redis-0', { labels: { app: 'redis' }, node: 'node-b', containerPorts: [{ containerPort: 6379, name: 'redis' }] }));
  state.services.push(service('redis', { selector: { app: 'redis' }, ports: [{ name: 'redis', port: 6379, targetPort: 6379 }] }));
  state.portTargets = {
    'default/web-0': { 80: { host: '127.0.0.1', port: web.port } },
    'default/postgres-0': { 5432: { host: postgres.host, port: postgres.port } },
    'default/redis-0': { 6379: { host: redis.host, port: redis.port } },
  };
  let api: FakeKubeApiServer;
  try {
    api = await startFakeKubeApiServer({ state });
  } catch (e) {
    await Promise.all([web.stop(), postgres.stop(), redis.stop()]);
    throw e;
  }
  return {
    api,
    web,
    postgres,
    redis,
    stop: async () => {
      await api.close();
      await Promise.all([web.stop(), postgres.stop(), redis.stop()]);
    },
  };
}

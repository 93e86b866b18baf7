import { createServer } from 'node:net';

/** Local ports the demo's three services listen on. */
export interface DemoPorts {
  readonly web: number;
  readonly postgres: number;
  readonly redis: number;
}

/** The kubectl context the demo's kubeconfig defines. */
export const DEMO_CONTEXT = 'localport-demo';

const PREFERRED: DemoPorts = { web: 18080, postgres: 15432, redis: 16379 };

/** Binds `port` (0 = any) on 127.0.0.1 and releases it; resolves the port, or null when it is taken. */
function probePort(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => {
      const a = server.address();
      server.close(() => resolve(a !== null && typeof a === 'object' ? a.port : null));
    });
  });
}

/** The easy-to-read ports 18080/15432/16379 where free, otherwise any free ones. */
export async function chooseDemoPorts(): Promise<DemoPorts> {
  const pick = async (preferred: number) => (await probePort(preferred)) ?? (await probePort(0));
  const [web, postgres, redis] = [await pick(PREFERRED.web), await pick(PREFERRED.postgres), await pick(PREFERRED.redis)];
  if (web === null || postgres === null || redis === null) throw new Error('no free local port on 127.0.0.1');
  return { web, postgres, redis };
}

/** The demo's LocalPort config: three kubectl services (service, statefulset, pod) with http and tcp checks. */
export function demoConfigYaml(ports: DemoPorts): string {
  return `# LocalPort demo config, written by \`npm run demo\`. SSH-free: three kubectl services in one context.
version: "1.0"

defaults:
  health_check:
    type: tcp
    interval: 10
    timeout: 3
    failure_threshold: 2
  restart_policy:
    initial_delay: 1
    backoff_multiplier: 2.0
    max_delay: 15
  cluster_health:
    interval: 60
    timeout: 10

services:
  - name: web
    technology: kubectl
    local_port: ${ports.web}
    remote_port: 8080
    connection:
      resource_type: service
      resource_name: web
      namespace: default
      context: ${DEMO_CONTEXT}
    health_check:
      type: http
      config:
        path: /healthz
        expected_status_codes: [200]
    tags: [demo, frontend]
    description: The web front end (an HTTP server)

  - name: postgres
    technology: kubectl
    local_port: ${ports.postgres}
    remote_port: 5432
    connection:
      resource_type: statefulset
      resource_name: postgres
      namespace: default
      context: ${DEMO_CONTEXT}
    tags: [demo, database]
    description: The database (an echo server in this demo)

  - name: redis
    technology: kubectl
    local_port: ${ports.redis}
    remote_port: 6379
    connection:
      resource_type: pod
      resource_name: redis-0
      namespace: default
      context: ${DEMO_CONTEXT}
    tags: [demo, cache]
    description: The cache (an echo server in this demo)
`;
}

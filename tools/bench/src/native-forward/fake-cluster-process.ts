import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pod, service, startFakeKubeApiServer, startLoopbackEchoServer } from '@localport/testing/kube';

/** What the fake cluster child prints once ready (one JSON line). */
export interface FakeClusterInfo {
  readonly dir: string;
  readonly kubeconfig: string;
  /** Where every pod's port 80 leads. */
  readonly targetPort: number;
  readonly pods: number;
}

/**
 * The child process holding the fake API server (TLS), so the process under measurement holds only the forwarders.
 * Pods `app-0..N-1` (port 80) each with a service `app-i`; their port leads to `targetPort` (the bench's target
 * server) or, when it is 0, to an echo server of this process.
 */
export async function serveFakeCluster(pods: number, targetPort: number): Promise<void> {
  const to = targetPort || (await startLoopbackEchoServer()).port;
  const fake = await startFakeKubeApiServer({ tls: true, state: {} });
  for (let i = 0; i < pods; i++) {
    fake.state.pods.push(pod(`app-${i}`, { labels: { app: `app-${i}` }, node: 'node-a', containerPorts: [{ containerPort: 80, name: 'http' }] }));
    fake.state.services.push(service(`app-${i}`, { selector: { app: `app-${i}` }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }));
    fake.state.portTargets[`default/app-${i}`] = { 80: { host: '127.0.0.1', port: to } };
  }
  const dir = mkdtempSync(join(tmpdir(), 'lp-bench-native-'));
  const kubeconfig = join(dir, 'kubeconfig');
  fake.writeKubeconfig(kubeconfig);
  const info: FakeClusterInfo = { dir, kubeconfig, targetPort: to, pods };
  process.stdout.write(`${JSON.stringify(info)}\n`);
  process.stdin.resume();
  process.stdin.once('end', () => process.exit(0));
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pod, service, startFakeKubeApiServer, startLoopbackEchoServer } from '@localport/testing/kube';

/** What the fake cluster child prints once ready (one JSON line). */
export interface FakeClusterInfo {
  readonly dir: string;
  readonly kubeconfig: string;
  readonly echoPort: number;
  readonly pods: number;
}

/**
 * The child process holding the fake API server (TLS) and the echo server standing in for every pod, so the
 * process under measurement holds only the forwarders. Pods `app-0..N-1` (port 80) each with a service `app-i`.
 */
export async function serveFakeCluster(pods: number): Promise<void> {
  const echo = await startLoopbackEchoServer();
  const fake = await startFakeKubeApiServer({ tls: true, state: {} });
  for (let i = 0; i < pods; i++) {
    fake.state.pods.push(pod(`app-${i}`, { labels: { app: `app-${i}` }, node: 'node-a', containerPorts: [{ containerPort: 80, name: 'http' }] }));
    fake.state.services.push(service(`app-${i}`, { selector: { app: `app-${i}` }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] }));
    fake.state.portTargets[`default/app-${i}`] = { 80: echo.target };
  }
  const dir = mkdtempSync(join(tmpdir(), 'lp-bench-native-'));
  const kubeconfig = join(dir, 'kubeconfig');
  fake.writeKubeconfig(kubeconfig);
  const info: FakeClusterInfo = { dir, kubeconfig, echoPort: echo.port, pods };
  process.stdout.write(`${JSON.stringify(info)}\n`);
  process.stdin.resume();
  process.stdin.once('end', () => process.exit(0));
}

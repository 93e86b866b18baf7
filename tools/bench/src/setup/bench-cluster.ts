// tools/bench/tsconfig.app.json does not include the testing lib's hand-written typings (tools/demo's does), and
// the fake API server needs this one for the build's type check.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../../testing/src/kube/spdy-transport.d.ts" />
import { defaultDemoState, FakeKubeApiServer, pod, startFakeKubeApiServer } from '@localport/testing/kube';

/** The kubectl context name the bench's kubeconfig defines. */
export const BENCH_CONTEXT = 'bench';
/** The pod every kubectl tunnel in the bench forwards to, and its container port. */
export const TARGET_POD = 'target-0';
export const TARGET_CONTAINER_PORT = 80;

/** The project's test API server (in this process) with pod `target-0` whose port 80 is the bench's target server. */
export async function startBenchCluster(targetPort: number, kubeconfig: string): Promise<FakeKubeApiServer> {
  const state = defaultDemoState();
  state.pods.push(pod(TARGET_POD, { labels: { app: 'target' }, node: 'node-a', containerPorts: [TARGET_CONTAINER_PORT] }));
  state.portTargets = { [`default/${TARGET_POD}`]: { [TARGET_CONTAINER_PORT]: { host: '127.0.0.1', port: targetPort } } };
  const api = await startFakeKubeApiServer({ state });
  api.writeKubeconfig(kubeconfig, { contextName: BENCH_CONTEXT });
  return api;
}

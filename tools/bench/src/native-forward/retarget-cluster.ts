import { deployment, FakeKubeApiServer, pod, PodSpec, service, startFakeKubeApiServer, statefulset } from '@localport/testing/kube';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Ready-to-serve delay of a replacement pod: it is created NotReady and turns Ready this much later, as a pod with a readiness probe does. */
export const READY_AFTER_MS = 500;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The project's test API server (TLS, in the bench process) with a deployment `web` of two pods and a statefulset
 * `db` of one, every pod port backed by the bench's target server. Pods are replaced through its state, which it
 * turns into watch events and port-forward endings as a real API server and kubelet would.
 */
export class RetargetCluster {
  private serial = 0;

  private constructor(
    readonly fake: FakeKubeApiServer,
    private readonly dir: string,
    private readonly targetPort: number,
  ) {}

  /** Starts the server and writes its kubeconfig. */
  static async start(targetPort: number): Promise<RetargetCluster> {
    const fake = await startFakeKubeApiServer({ tls: true, state: {} });
    const cluster = new RetargetCluster(fake, mkdtempSync(join(tmpdir(), 'lp-bench-retarget-')), targetPort);
    fake.writeKubeconfig(cluster.kubeconfig);
    return cluster;
  }

  get kubeconfig(): string {
    return join(this.dir, 'kubeconfig');
  }

  /** Fresh pods `web-*` (2, Ready) and `db-0`, so each forwarder starts from the same cluster. */
  reset(): void {
    const s = this.fake.state;
    s.pods = [];
    s.portTargets = {};
    s.services = [service('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] })];
    s.deployments = [deployment('web', { selector: { app: 'web' }, replicas: 2 })];
    s.statefulsets = [statefulset('db', { selector: { app: 'db' } })];
    this.addPod(this.nextWebName(), 'web', true);
    this.addPod(this.nextWebName(), 'web', true);
    this.addPod('db-0', 'db', true);
  }

  /** The deployment's pods, oldest first. */
  webPods(): PodSpec[] {
    return this.fake.state.pods.filter((p) => p.labels.app === 'web');
  }

  /**
   * One rollout step: deletes the deployment's oldest pod (or `name`) and adds its replacement, NotReady, which turns
   * Ready {@link READY_AFTER_MS} later. Resolves the name deleted once the replacement is Ready.
   */
  async replaceWebPod(name = this.webPods()[0].name): Promise<string> {
    const s = this.fake.state;
    s.pods = s.pods.filter((p) => p.name !== name);
    const fresh = this.addPod(this.nextWebName(), 'web', false);
    await sleep(READY_AFTER_MS);
    fresh.ready = true;
    return name;
  }

  /**
   * The statefulset's only pod deleted and recreated under the same name (new uid), NotReady for `notReadyMs`;
   * resolves the `performance.now()` at which it was marked Ready.
   */
  async replaceDbPod(goneMs: number, notReadyMs: number): Promise<number> {
    const s = this.fake.state;
    s.pods = s.pods.filter((p) => p.name !== 'db-0');
    await sleep(goneMs);
    const fresh = this.addPod('db-0', 'db', false);
    await sleep(notReadyMs);
    fresh.ready = true;
    return performance.now();
  }

  async close(): Promise<void> {
    await this.fake.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private nextWebName(): string {
    return `web-${++this.serial}`;
  }

  private addPod(name: string, app: string, ready: boolean): PodSpec {
    const p = pod(name, { labels: { app }, node: 'node-a', ready, containerPorts: [{ containerPort: 80, name: 'http' }] });
    this.fake.state.portTargets[`default/${name}`] = { 80: { host: '127.0.0.1', port: this.targetPort } };
    this.fake.state.pods.push(p);
    return p;
  }
}

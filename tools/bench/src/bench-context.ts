import type { FakeKubeApiServer } from '@localport/testing/kube';
import type { SshdHarness } from '@localport/testing/sshd';
import { BenchPlan } from './bench-options';
import { BenchWorkspace } from './support/bench-workspace';
import { CleanupStack } from './support/cleanup-stack';
import { WorkerHandle } from './workers/worker-rpc';

/** Everything the measurements share: the plan, the temp tree, the helpers and servers, and the cleanup stack. */
export interface BenchContext {
  readonly plan: BenchPlan;
  readonly cliPath: string;
  readonly workspace: BenchWorkspace;
  readonly cleanup: CleanupStack;
  /** Serves the sink/echo protocol; every tunnel leads to it. */
  readonly targetPort: number;
  /** Runs the clients (throughput, ping-pong, probes, churn). */
  readonly load: WorkerHandle;
  /** Hosts the relay-alone listeners. */
  readonly relay: WorkerHandle;
  readonly sshd: SshdHarness;
  readonly api: FakeKubeApiServer;
  /** A progress line on stdout, with the time since the start. */
  log(line: string): void;
}

import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { KubectlPortForward, startKubectlPortForward } from '@localport/testing/kube';
import type { SshdHarness } from '@localport/testing/sshd';
import { BENCH_CONTEXT, TARGET_CONTAINER_PORT, TARGET_POD } from './bench-cluster';

/** A baseline tunnel run by hand, the way a user would without LocalPort. */
export interface PlainTunnel {
  readonly localPort: number;
  stop(): Promise<void>;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true))).once('error', () => (s.destroy(), resolve(false)));
  });

/** `ssh -N -L 127.0.0.1:<localPort>:127.0.0.1:<targetPort>` to the harness sshd; resolves once the port accepts. */
export async function startPlainSsh(sshd: SshdHarness, localPort: number, targetPort: number): Promise<PlainTunnel> {
  const options = Object.entries({ ...sshd.clientOptions, BatchMode: 'yes', ExitOnForwardFailure: 'yes', StrictHostKeyChecking: 'yes' }).flatMap(([k, v]) => ['-o', `${k}=${v}`]);
  const child = spawn('ssh', ['-N', ...options, '-i', sshd.clientKeyFile, '-p', String(sshd.port), '-L', `127.0.0.1:${localPort}:127.0.0.1:${targetPort}`, `${sshd.user}@${sshd.host}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 20_000;
  while (!(await accepts(localPort))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`plain ssh -L did not come up: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { localPort, stop };
}

/** `kubectl port-forward pod/target-0 :80` against the fake API server; resolves once kubectl prints its port. */
export async function startPlainKubectl(env: NodeJS.ProcessEnv): Promise<PlainTunnel> {
  const pf: KubectlPortForward = await startKubectlPortForward(`pod/${TARGET_POD}`, `:${TARGET_CONTAINER_PORT}`, {
    env,
    timeoutMs: 3_600_000,
    extraArgs: [`--context=${BENCH_CONTEXT}`, '--namespace=default'],
  });
  return { localPort: pf.localPort, stop: async () => void (await pf.stop()) };
}

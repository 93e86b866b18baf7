import { benchService, ForwardPath, kubectlForwarderPath, nativeLauncher, relayedPath } from './forward-paths';

/** Which LocalPort forwarder a forwarder process hosts. */
export type HostedForwarder = 'native' | 'kubectl';

/** What a forwarder process prints once ready (one JSON line). */
export interface HostedForwardInfo {
  readonly name: string;
  readonly port: number;
  /** The kubectl forwarder's kubectl process. */
  readonly pid?: number;
}

/**
 * Node flags and environment of a forwarder process: the daemon's (apps/cli daemon-launcher.ts: `DAEMON_NODE_FLAGS`
 * without `--no-opt`, which `daemonNodeFlags` drops when a service forwards natively, and `daemonEnv`'s malloc
 * settings). Copied, not imported: tools may not depend on apps. Keep them in step.
 */
export const DAEMON_LIKE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1', '--v8-pool-size=1'];
export const DAEMON_LIKE_ENV: NodeJS.ProcessEnv = { MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072' };

/**
 * The child process hosting one LocalPort forwarder behind LocalPort's relay, as the daemon (its own process) does,
 * so it does not share a thread with the bench's orchestration. Prints {@link HostedForwardInfo}; exits when stdin closes.
 */
export async function serveForwarder(kubeconfig: string, forwarder: HostedForwarder): Promise<void> {
  const path: ForwardPath =
    forwarder === 'native' ? await relayedPath('native (relay + in-process v4.channel)', nativeLauncher(kubeconfig), benchService(0)) : await kubectlForwarderPath(kubeconfig, benchService(0));
  const info: HostedForwardInfo = { name: path.name, port: path.port, pid: path.pid };
  process.stdout.write(`${JSON.stringify(info)}\n`);
  process.stdin.resume();
  process.stdin.once('end', () => {
    const exit = (): never => process.exit(0);
    setTimeout(exit, 3_000).unref();
    void path.stop().then(exit, exit);
  });
}

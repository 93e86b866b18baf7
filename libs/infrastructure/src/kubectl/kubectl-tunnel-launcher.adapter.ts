import { LaunchOptions, RunningTunnel, TunnelError, TunnelLauncher } from '@localport/application';
import { err, Result, Service } from '@localport/domain';
import type { ChildProcessLedger } from '../process/child-process-ledger';
import { startTunnelProcess } from '../process/tunnel-process';
import { forwardingPort, portForwardArguments } from './kubectl-arguments';
import { isKubectlConnection } from './kubectl-connection';
import { explainKubectlExit } from './kubectl-exit';

export interface KubectlTunnelLauncherOptions {
  /** The kubectl program; default `kubectl` from PATH. */
  readonly kubectl?: string;
  /** Environment for kubectl (default: the daemon's, so KUBECONFIG passes through). */
  readonly env?: NodeJS.ProcessEnv;
  /** SIGTERM to SIGKILL grace when stopping, ms. */
  readonly graceMs?: number;
  readonly ledger?: ChildProcessLedger;
}

/** Runs `kubectl port-forward` for kubectl services; ready once kubectl prints the ephemeral port it forwards from. */
export class KubectlTunnelLauncher implements TunnelLauncher {
  readonly technology = 'kubectl' as const;

  constructor(private readonly options: KubectlTunnelLauncherOptions = {}) {}

  launch(service: Service, options: LaunchOptions): Promise<Result<RunningTunnel, TunnelError>> {
    const connection = service.connection;
    if (!isKubectlConnection(connection)) return Promise.resolve(err(new TunnelError('TUNNEL.EXITED', `${service.name} is not a kubectl service`, true)));
    return startTunnelProcess(
      {
        label: 'kubectl',
        command: this.options.kubectl ?? 'kubectl',
        args: portForwardArguments(connection, service.remotePort),
        env: this.options.env ?? process.env,
        graceMs: this.options.graceMs ?? 3_000,
        ledger: this.options.ledger,
        whenReady: ({ onLine }) =>
          new Promise((resolve) =>
            onLine((line) => {
              const port = forwardingPort(line);
              if (port !== undefined) resolve({ kind: 'tcp', host: '127.0.0.1', port });
            }),
          ),
        explain: explainKubectlExit,
      },
      options,
    );
  }
}

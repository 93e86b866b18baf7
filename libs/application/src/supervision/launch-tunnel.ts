import { err, Result, Service } from '@localport/domain';
import { ServiceLogWriter } from '../ports/logger.port';
import { RunningTunnel, TunnelError, TunnelLauncher } from '../ports/tunnel-launcher.port';
import { SupervisorDeps } from './supervisor-deps';
import { launcherFor } from './technology-lookups';

/** How much longer than its start timeout a launcher may take to answer before the supervisor stops waiting. */
export const LAUNCH_GRACE_MS = 5_000;

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Launches `service`'s tunnel with the launcher of its technology. Never rejects and never hangs:
 * a launcher that throws (`spawn E2BIG`) or does not answer in time is a failed launch like any
 * other; a tunnel that arrives after that is stopped.
 */
export async function launchTunnel(deps: SupervisorDeps, service: Service, output: ServiceLogWriter, signal: AbortSignal): Promise<Result<RunningTunnel, TunnelError>> {
  const launcher = launcherFor(deps.launchers, service);
  if (!launcher) return err(new TunnelError('TUNNEL.BINARY_MISSING', `no tunnel launcher for technology ${service.technology}`, true));
  // Wait for a launch slot; a stop while queued cancels at once.
  const release = deps.launchQueue ? await deps.launchQueue.acquire(signal) : () => undefined;
  if (!release) return err(new TunnelError('TUNNEL.EXITED', 'launch cancelled before it began'));
  const result = await launchWithin(deps, launcher, service, output, signal);
  release();
  return result;
}

function launchWithin(deps: SupervisorDeps, launcher: TunnelLauncher, service: Service, output: ServiceLogWriter, signal: AbortSignal): Promise<Result<RunningTunnel, TunnelError>> {
  output.write(`=== ${new Date(deps.clock.now()).toISOString()} starting ${service.technology} tunnel to ${service.target} ===`);
  return new Promise((resolve) => {
    let answered = false;
    const answer = (result: Result<RunningTunnel, TunnelError>) => {
      if (answered) return void (result.ok && result.value.stop());
      answered = true;
      guard.cancel();
      resolve(result);
    };
    const limitMs = deps.startTimeoutMs + LAUNCH_GRACE_MS;
    const guard = deps.clock.setTimer(limitMs, () => answer(err(new TunnelError('TUNNEL.START_TIMEOUT', `the ${service.technology} tunnel did not answer within ${limitMs / 1000} s`))));
    Promise.resolve()
      .then(() => launcher.launch(service, { signal, output: (line) => output.write(line), startTimeoutMs: deps.startTimeoutMs }))
      .catch((e: unknown) => err(new TunnelError('TUNNEL.EXITED', `could not start the ${service.technology} tunnel: ${reason(e)}`, false, { cause: e })))
      .then(answer);
  });
}

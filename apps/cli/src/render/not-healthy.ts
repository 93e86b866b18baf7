import type { ServiceStatusView, StatusReport } from '@localport/application';
import { CliError, EXIT } from '../cli-error';

/** `web: failed (ssh: connection refused) [TUNNEL.CONNECT]`: the state, why (its last error, or its cluster's) and the code. */
function describe(s: ServiceStatusView, report: StatusReport): string {
  const cluster = s.state === 'waiting-for-cluster' ? report.clusters.find((c) => c.context === s.context) : undefined;
  const host = s.state === 'waiting-for-host' && s.host ? `host ${s.host} does not answer` : null;
  const why = s.lastError ?? host ?? (cluster ? `cluster ${cluster.context} is ${cluster.status}${cluster.lastError ? `: ${cluster.lastError}` : ''}` : null);
  return `${s.name}: ${s.state}${why ? ` (${why})` : ''}${s.lastErrorCode ? ` [${s.lastErrorCode}]` : ''}`;
}

/**
 * The error for services that are not healthy. A service that `failed` is the reason (its message and code,
 * as soon as it failed; no timeout is blamed); otherwise the services not healthy in time, each with why.
 */
export function notHealthyError(bad: readonly ServiceStatusView[], of: number, report: StatusReport, timeoutS: number): CliError {
  const failed = bad.filter((s) => s.state === 'failed');
  if (failed.length > 0) {
    const [first] = failed;
    const message = failed.length === 1 ? `${first.name} failed: ${first.lastError ?? 'no reason given'}` : `${failed.length} of ${of} services failed`;
    const code = failed.length === 1 ? (first.lastErrorCode ?? 'SERVICE.FAILED') : 'SERVICE.FAILED';
    return new CliError(message, EXIT.failed, code, failed.map((s) => describe(s, report)));
  }
  return new CliError(`${bad.length} of ${of} service${of > 1 ? 's' : ''} not healthy within ${timeoutS} s`, EXIT.failed, 'SERVICE.NOT_HEALTHY', bad.map((s) => describe(s, report)));
}

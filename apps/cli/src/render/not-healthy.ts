import type { ServiceStatusView, StatusReport } from '@localport/application';
import { CliError, EXIT } from '../cli-error';

/** The error for services not healthy in time, each with its state and why (its last error, or its cluster's). */
export function notHealthyError(bad: readonly ServiceStatusView[], of: number, report: StatusReport, timeoutS: number): CliError {
  return new CliError(`${bad.length} of ${of} service${of > 1 ? 's' : ''} not healthy within ${timeoutS} s`, EXIT.failed, 'SERVICE.NOT_HEALTHY', bad.map((s) => {
    const cluster = s.state === 'waiting-for-cluster' ? report.clusters.find((c) => c.context === s.context) : undefined;
    const host = s.state === 'waiting-for-host' && s.host ? `host ${s.host} does not answer` : null;
    const why = s.lastError ?? host ?? (cluster ? `cluster ${cluster.context} is ${cluster.status}${cluster.lastError ? `: ${cluster.lastError}` : ''}` : null);
    return `${s.name}: ${s.state}${why ? ` (${why})` : ''}`;
  }));
}

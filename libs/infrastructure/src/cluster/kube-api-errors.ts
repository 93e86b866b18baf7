import { ClusterProbeError } from './cluster-probe.errors';
import { kubeClient } from './kube-client';
import { aborted } from './retry-policy';

/** Why a request's signal fired: our per-request timeout, or the caller aborting the whole check. */
export interface RequestAbort {
  readonly timedOut: boolean;
  readonly timeoutMs: number;
}

const hostOf = (server: string): string => {
  try {
    return new URL(server).host;
  } catch {
    return server;
  }
};

/**
 * Translates a client-node or socket failure into a probe error worded like kubectl's, so both
 * providers tell the user the same thing ("The connection to the server 127.0.0.1:6443 was refused").
 */
export function kubeApiFailure(e: unknown, server: string, abort: RequestAbort, what: string): ClusterProbeError {
  if (abort.timedOut) return new ClusterProbeError('CLUSTER.TIMEOUT', `${what} timed out after ${abort.timeoutMs} ms`, { cause: e });
  if (e instanceof kubeClient().ApiException) return httpFailure(e.code, typeof e.body === 'string' ? e.body : JSON.stringify(e.body), e);
  const err = e as { name?: string; code?: string; message?: string } | null;
  if (err?.name === 'AbortError') return aborted();
  const code = err?.code ?? '';
  if (code === 'ECONNREFUSED') {
    return new ClusterProbeError('CLUSTER.UNREACHABLE', `The connection to the server ${hostOf(server)} was refused`, { cause: e });
  }
  if (code === 'ETIMEDOUT') return new ClusterProbeError('CLUSTER.TIMEOUT', `Unable to connect to the server: ${err?.message ?? code}`, { cause: e });
  if (/CERT|SELF_SIGNED|ERR_TLS/.test(code)) return new ClusterProbeError('CLUSTER.REQUEST_FAILED', `Unable to connect to the server: ${err?.message ?? code}`, { cause: e });
  // Socket-level failures carry an errno code (ECONNRESET, ENOTFOUND ...); anything else is a bad answer.
  if (code) return new ClusterProbeError('CLUSTER.UNREACHABLE', `Unable to connect to the server: ${err?.message ?? code}`, { cause: e });
  return new ClusterProbeError('CLUSTER.REQUEST_FAILED', `${what} failed: ${err?.message ?? String(e)}`, { cause: e });
}

/** An HTTP error answer: 404 is NOT_FOUND; otherwise kubectl's `Error from server (Reason): message` form. */
export function httpFailure(status: number, body: string, cause?: unknown): ClusterProbeError {
  let reason = '';
  let message = body.trim();
  try {
    const s = JSON.parse(body) as { kind?: string; reason?: string; message?: string };
    if (s.kind === 'Status') {
      reason = s.reason ?? '';
      message = s.message ?? message;
    }
  } catch {
    // not a Status object: keep the raw body
  }
  const text = `Error from server${reason ? ` (${reason})` : ''}: ${message || `HTTP ${status}`}`;
  return new ClusterProbeError(status === 404 ? 'CLUSTER.NOT_FOUND' : status === 504 ? 'CLUSTER.TIMEOUT' : 'CLUSTER.REQUEST_FAILED', text, { cause });
}

import { ServiceSnapshot } from './service-snapshot';
import { ServiceSupervisor } from './service-supervisor';

/** What a start, stop or restart did to one service. `code` says why it is not ok (`FORWARD.PORT_IN_USE` ...). */
export interface ServiceOutcome {
  readonly name: string;
  readonly ok: boolean;
  readonly state: ServiceSnapshot['state'];
  readonly error?: string;
  readonly code?: string;
}

/**
 * The outcome of a start or restart once it has settled: not ok when the service failed, or when
 * it is waiting for its local port (held by another process), with the code of the last error.
 */
export function startOutcome(s: ServiceSupervisor): ServiceOutcome {
  const snap = s.snapshot();
  const ok = snap.state !== 'failed' && !s.waitingForPort;
  return { name: snap.name, ok, state: snap.state, ...(!ok && { error: snap.lastError ?? 'failed', code: s.lastErrorCode ?? 'SERVICE.FAILED' }) };
}

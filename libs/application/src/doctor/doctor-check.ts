/** A check's verdict: `pass` ✓, `warn` !, `fail` ✗ (makes doctor exit 1), `skip` (could not be run, and why). */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** One finding of `localport doctor`. Every `fail` carries a `fix` a user can act on. */
export interface CheckResult {
  /** Stable id, e.g. `ssh.host-key:tunnel`. */
  readonly id: string;
  /** What was checked, e.g. `ssh host key of bastion (service tunnel)`. */
  readonly title: string;
  readonly status: CheckStatus;
  /** What was seen. */
  readonly detail: string;
  readonly fix?: string;
}

/** Everything doctor found; `ok` is false when any check failed. */
export interface DoctorReport {
  readonly ok: boolean;
  readonly checks: readonly CheckResult[];
}

export const pass = (id: string, title: string, detail: string): CheckResult => ({ id, title, status: 'pass', detail });
export const warn = (id: string, title: string, detail: string, fix?: string): CheckResult => ({ id, title, status: 'warn', detail, ...(fix && { fix }) });
export const fail = (id: string, title: string, detail: string, fix: string): CheckResult => ({ id, title, status: 'fail', detail, fix });
export const skip = (id: string, title: string, detail: string): CheckResult => ({ id, title, status: 'skip', detail });

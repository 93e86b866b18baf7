/**
 * Base of every LocalPort error. `code` is a stable string ('CONFIG.INVALID') that crosses
 * process boundaries; `instanceof` does not survive the control socket, codes do.
 */
export abstract class LocalportError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One rule broken by a value: which field, and why, in words a user can act on. */
export interface Violation {
  /** Dotted path of the offending field relative to the value being built, in domain names, e.g. `healthCheck.intervalMs`. */
  readonly field: string;
  readonly message: string;
  /** The offending value and the range it broke, when the rule is a numeric limit. */
  readonly value?: unknown;
  readonly limit?: { readonly min: number; readonly max: number; readonly integer?: boolean; readonly unit?: 'ms' };
}

/** A domain value could not be built because its input breaks one or more rules. */
export class InvalidValueError extends LocalportError {
  readonly code = 'DOMAIN.INVALID_VALUE';
  constructor(readonly violations: readonly Violation[]) {
    super(violations.map((v) => `${v.field}: ${v.message}`).join('; '));
  }
}

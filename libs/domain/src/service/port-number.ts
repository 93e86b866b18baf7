import { err, ok, Result } from '../shared/result';
import { Violation } from '../shared/localport-error';

/** A TCP port number, 1-65535. Named to avoid the clash with "port" as in ports and adapters. */
export type PortNumber = number & { readonly __brand: 'PortNumber' };

export const isPortNumber = (n: unknown): n is PortNumber => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535;

/** Builds a PortNumber, or a violation naming `field`. */
export function toPortNumber(n: unknown, field: string): Result<PortNumber, Violation> {
  return isPortNumber(n) ? ok(n) : err({ field, message: `${show(n)} is not a port (1-65535)` });
}

// JSON.stringify shows NaN and Infinity as `null` (and undefined as nothing)
const show = (n: unknown): string => (typeof n === 'number' || n === undefined ? String(n) : JSON.stringify(n));

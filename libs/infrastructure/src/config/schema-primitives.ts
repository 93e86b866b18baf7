import { isIP } from 'node:net';
import { z } from 'zod';
import { Limit, SERVICE_NAME } from '@localport/domain';

const SHOWN_CHARACTERS = 60;

/** A value as messages show it: strings quoted (a long one cut, with its length), collections by kind. */
export function show(value: unknown): string {
  if (typeof value === 'string') return value.length > SHOWN_CHARACTERS ? `${JSON.stringify(value.slice(0, SHOWN_CHARACTERS))}... (${value.length} characters)` : JSON.stringify(value);
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/** Builds objects strictly (unknown keys are issues, reported as warnings) or loosely (unknown keys dropped). */
export type ObjectFactory = typeof z.object;
export const strictFactory = ((shape: z.core.$ZodLooseShape) => z.strictObject(shape)) as unknown as ObjectFactory;

/** A number within [min, max]; the message names the value and the range, e.g. `70000 is not a port (1-65535)`. */
export function numberIn(min: number, max: number, opts: { int?: boolean; unit?: string; what?: string } = {}) {
  const range = `${min}-${max}${opts.unit ? ` ${opts.unit}` : ''}`;
  const error = (iss: { input?: unknown }) => `${show(iss.input)} ${opts.what ? `is not ${opts.what}` : 'is out of range'} (${range})`;
  return (opts.int ? z.int() : z.number()).min(min, { error }).max(max, { error });
}

export const portNumber = () => numberIn(1, 65535, { int: true, what: 'a port' });
export const seconds = (min: number, max: number) => numberIn(min, max, { unit: 'seconds' });

/** A setting within a limit the domain owns, in the file's units: durations (ms in the domain) are seconds here. */
export const within = (limit: Limit) => (limit.unit === 'ms' ? seconds(limit.min / 1000, limit.max / 1000) : numberIn(limit.min, limit.max, { int: limit.integer }));

const YES_NO: Readonly<Record<string, boolean>> = { yes: true, no: false, on: true, off: false, true: true, false: false };
/** A boolean; also YAML 1.1's yes/no/on/off, which PyYAML (and so LocalPort) read as booleans. */
export const flag = () => z.preprocess((v) => (typeof v === 'string' && v.toLowerCase() in YES_NO ? YES_NO[v.toLowerCase()] : v), z.boolean());

/** Text; a number written where text is expected (`user: 1000`) is taken as text. */
export const text = () => z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string());
export const nonEmptyText = () => z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().min(1, { error: 'must not be empty' }));
/** Scalars that become strings (`-o` options, header values): booleans become yes/no, as ssh spells them. */
export const scalarText = () => z.preprocess((v) => (typeof v === 'boolean' ? (v ? 'yes' : 'no') : typeof v === 'number' ? String(v) : v), z.string());

/** A YAML mapping with any keys (checked further by a type-specific schema). */
export const mapping = () => z.record(z.string(), z.unknown());

/** A name for enums whose messages list the allowed values; accepts any case. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T, aliases: Readonly<Record<string, T[number]>> = {}) =>
  z.preprocess((v) => (typeof v === 'string' ? (aliases[v.toLowerCase()] ?? v.toLowerCase()) : v), z.enum(values));

export const ipAddress = () =>
  z.string().refine((v) => isIP(v) !== 0 || v === 'localhost', { error: (iss) => `${show(iss.input)} is not an IP address` });

/** Service names: the domain's rule, checked here so it is reported with the other problems. */
export const serviceName = () =>
  z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().regex(SERVICE_NAME, { error: (iss) => `${show(iss.input)} is not a valid name (letters, digits, '.', '_' or '-', at most 63)` }));

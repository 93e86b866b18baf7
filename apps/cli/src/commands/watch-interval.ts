import { CliError, EXIT } from '../cli-error';

/** The refresh interval `--interval` may ask for, in seconds. */
export const WATCH_INTERVAL_LIMITS = { min: 0.2, max: 3600 } as const;

/** Milliseconds for `status -w -i <text>`; anything but a number of seconds within the limits is a usage error. */
export function watchIntervalMs(text: string): number {
  const seconds = /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : NaN;
  if (!(seconds >= WATCH_INTERVAL_LIMITS.min && seconds <= WATCH_INTERVAL_LIMITS.max)) {
    throw new CliError(`--interval must be a number of seconds from ${WATCH_INTERVAL_LIMITS.min} to ${WATCH_INTERVAL_LIMITS.max}, not ${JSON.stringify(text)}`, EXIT.usage, 'CLI.USAGE');
  }
  return seconds * 1000;
}

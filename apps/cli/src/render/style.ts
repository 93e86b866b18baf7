import pc from 'picocolors';

/** Colours that switch off with --no-color, NO_COLOR, or output that is not a terminal. */
export interface Style {
  readonly green: (s: string) => string;
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
  readonly cyan: (s: string) => string;
}

export function makeStyle(enabled: boolean): Style {
  const c = pc.createColors(enabled);
  return { green: c.green, red: c.red, yellow: c.yellow, dim: c.dim, bold: c.bold, cyan: c.cyan };
}

/** `12s`, `5m`, `3h`, `2d`: how long ago (or how long) in one short word. */
export function shortDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${s % 60 ? `${s % 60}s` : ''}`;
  if (s < 86400) return `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60) ? `${Math.floor((s % 3600) / 60)}m` : ''}`;
  return `${Math.floor(s / 86400)}d${Math.floor((s % 86400) / 3600) ? `${Math.floor((s % 86400) / 3600)}h` : ''}`;
}

export const ago = (iso: string | null, now = Date.now()): string => (iso ? `${shortDuration(now - Date.parse(iso))} ago` : 'never');

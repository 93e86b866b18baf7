import type TableType from 'cli-table3';

/** Colour codes (SGR), which take no room on a terminal. */
// eslint-disable-next-line no-control-regex -- ESC starts every colour code
const SGR = /\x1b\[[0-9;]*m/g;
/** Characters one column wide whatever the terminal: printable ASCII, `→` and `…`. */
const NARROW = /^[\x20-\x7e\u2192\u2026]*$/;

const CHARS = { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '' };

/**
 * A plain borderless table, aligned for terminals and readable when piped: each column as wide as its widest cell
 * plus two spaces, trailing blanks cut. Cells of narrow characters and colour codes (every table LocalPort prints in
 * practice) are laid out here, which is ~10x cheaper than cli-table3 on a cold start (`status` with 50 services spent
 * ~0.2 s of CPU in it); anything else (wide or combining characters, line breaks, other escapes, rows of another length than the head) goes to cli-table3,
 * which the spec holds this layout byte-identical to.
 */
export function renderTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [head, ...rows];
  const visible = all.map((r) => r.map((c) => c.replace(SGR, '')));
  if (!visible.every((r) => r.length === head.length && r.every((c) => NARROW.test(c)))) return renderWithCliTable3(head, rows);
  const widths = head.map((_, i) => Math.max(...visible.map((r) => r[i].length)) + 2);
  return all.map((r, y) => r.map((c, i) => c + ' '.repeat(widths[i] - visible[y][i].length)).join('').trimEnd()).join('\n');
}

/** The same table through cli-table3, loaded only when needed. */
export function renderWithCliTable3(head: readonly string[], rows: readonly (readonly string[])[]): string {
  // Loaded on first use: most runs never need it.
  const Table = require('cli-table3') as typeof TableType;
  const t = new Table({ head: [...head], style: { head: [], border: [], 'padding-left': 0, 'padding-right': 2 }, chars: CHARS });
  t.push(...rows.map((r) => [...r]));
  return t.toString().split('\n').map((l) => l.trimEnd()).join('\n');
}

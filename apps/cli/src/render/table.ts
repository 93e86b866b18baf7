import Table from 'cli-table3';

/** A plain borderless table, aligned for terminals and readable when piped. */
export function renderTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const t = new Table({
    head: [...head],
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 2 },
    chars: { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '' },
  });
  t.push(...rows.map((r) => [...r]));
  return t.toString().split('\n').map((l) => l.trimEnd()).join('\n');
}

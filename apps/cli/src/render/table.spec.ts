import pc from 'picocolors';
import { renderTable, renderWithCliTable3 } from './table';

const colors = pc.createColors(true);
const pieces = ['a', 'web-1', ' ', '', '→', '…', '8080 → db:5432', colors.green('running'), colors.dim('-'), colors.red('unhealthy'), `x ${colors.dim('pod p')}`, '  lead', 'trail  ', '3m2s ago'];

/** A deterministic pseudo-random table of `rows` rows and `cols` columns (ragged when `ragged`). */
function table(seed: number, rows: number, cols: number, ragged: boolean): { head: string[]; rows: string[][] } {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const cell = () => Array.from({ length: 1 + Math.floor(next() * 3) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
  const row = () => Array.from({ length: ragged ? 1 + Math.floor(next() * cols) : cols }, cell);
  return { head: Array.from({ length: cols }, (_, i) => `COL${i}`), rows: Array.from({ length: rows }, row) };
}

describe(renderTable.name, () => {
  it('lays out narrow and coloured cells byte for byte as cli-table3 does', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const t = table(seed, 1 + (seed % 7), 1 + (seed % 8), seed % 3 === 0);
      expect(renderTable(t.head, t.rows)).toBe(renderWithCliTable3(t.head, t.rows));
    }
  });

  it('pads each column to its widest cell plus two spaces and cuts trailing blanks', () => {
    expect(renderTable(['A', 'BB'], [['xyz', colors.red('r')], ['', 'y']])).toBe(`A    BB\nxyz  ${colors.red('r')}\n     y`);
  });

  it('leaves wide characters, line breaks and other escapes to cli-table3', () => {
    for (const odd of ['中文', 'two\nlines', 'tab\there', 'e\u0301', '\x1b]8;;http://x\x07link\x1b]8;;\x07', '😀']) {
      const rows = [['a', odd], [odd, 'b']];
      expect(renderTable(['H1', 'H2'], rows)).toBe(renderWithCliTable3(['H1', 'H2'], rows));
    }
  });
});

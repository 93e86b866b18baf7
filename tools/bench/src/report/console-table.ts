import { RunSummary, duration } from './run-summary';

/** The figures as a plain-text table for the terminal. */
export function renderConsoleTable(run: RunSummary): string {
  const rows: string[][] = [['measurement', 'value', 'spread', 'target', 'result']];
  const sectionRows = new Set<number>();
  for (const s of run.sections) {
    sectionRows.add(rows.length);
    rows.push([`${s.title}${s.failure ? ` (FAILED: ${s.failure.slice(0, 120)})` : ''}`, '', '', '', '']);
    for (const f of s.figures) rows.push([`  ${f.what}`, f.value, f.spread, f.target, f.verdict === 'INFO' ? '' : f.verdict]);
  }
  const widths = [0, 1, 2, 3, 4].map((c) => Math.min(c === 0 ? 70 : 48, Math.max(...rows.filter((_, i) => !sectionRows.has(i)).map((r) => r[c].length))));
  const line = (r: string[], i: number) => (sectionRows.has(i) ? r[0] : r.map((x, c) => x.padEnd(widths[c])).join('  ').trimEnd());
  const judged = run.sections.flatMap((s) => s.figures).filter((f) => f.verdict !== 'INFO');
  const missed = judged.filter((f) => f.verdict === 'MISS').length;
  return [...rows.map(line), '', `${judged.length - missed}/${judged.length} targets met, ${missed} missed; run took ${duration(run.durationMs)}; command: ${run.command}`].join('\n');
}

import { Figure } from './figures';
import { MISS_NOTES } from './miss-notes';
import { duration, RunSummary } from './run-summary';

const cell = (s: string) => s.replace(/\|/g, '\\|');
const row = (f: Figure) => `| ${cell(f.what)} | ${cell(f.value)} | ${cell(f.spread)} | ${cell(f.target || '–')} | ${f.verdict === 'INFO' ? '' : `**${f.verdict}**`} |`;

/** docs/benchmarks.md: how it was made, the machine, every figure next to its target, and a note on every miss. */
export function renderMarkdown(run: RunSummary): string {
  const figures = run.sections.flatMap((s) => s.figures);
  const judged = figures.filter((f) => f.verdict !== 'INFO');
  const misses = judged.filter((f) => f.verdict === 'MISS');
  const failed = run.sections.filter((s) => s.failure);
  const m = run.machine;
  const out: string[] = [
    '# LocalPort benchmarks',
    '',
    `Made by \`${run.command}\` on ${run.startedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC; the run took ${duration(run.durationMs)}.`,
    'This file is written by the benchmark (tools/bench); run the command again to refresh it. Everything runs on loopback:',
    "LocalPort's daemon and CLI as built in dist/, a real OpenSSH sshd, real kubectl against the project's test Kubernetes API server",
    '(tools/testing/src/kube), and a loopback target that counts or echoes bytes. Both sides of each comparison run in the same run, alternating.',
    '',
    `**${judged.length - misses.length} of ${judged.length} targets met${misses.length ? `; ${misses.length} missed (explained below)` : ''}.**${failed.length ? ` ${failed.length} measurement(s) could not finish (see below).` : ''}`,
    '',
    '## Machine',
    '',
    ...(m
      ? [
          `- CPU: ${m.cores} cores, ${m.cpuModel}; memory ${m.memoryGb} GB; ${m.kernel}; load average at start ${m.loadAverage}`,
          `- Node ${m.node}; ${m.openssh}`,
          ...m.kubectl.map((k) => `- ${k}`),
          `- open files limit: ${m.openFilesLimit}`,
        ]
      : ['- (not collected)']),
    '',
    '## Results',
    '',
  ];
  for (const s of run.sections) {
    out.push(`### ${s.title}`, '');
    if (s.failure) out.push(`**Could not finish:** ${s.failure}`, '');
    if (s.figures.length) out.push('| Measurement | Value | Spread | Target | Result |', '|---|---|---|---|---|', ...s.figures.map(row), '');
    if (s.facts.length) out.push(...s.facts.map((f) => `- ${f}`), '');
  }
  if (misses.length || failed.length) {
    out.push('## Misses explained', '');
    for (const f of misses) out.push(`- **${f.what}: ${f.value}** (target ${f.target}). ${MISS_NOTES[f.id] ?? 'No explanation written yet: read the facts of its section.'}`);
    for (const s of failed) out.push(`- **${s.title}** did not finish: ${s.failure}`);
    out.push('');
  }
  if (run.remarks.length) out.push('## Remarks', '', ...run.remarks.map((r) => `- ${r}`), '');
  return out.join('\n');
}

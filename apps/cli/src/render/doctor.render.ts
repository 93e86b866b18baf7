import type { CheckResult, DoctorReport } from '@localport/application';
import { Style } from './style';

const MARK = { pass: '✓', warn: '!', fail: '✗', skip: '-' } as const;

/** One line per check (`✓ title: detail`), the fix indented under each `✗` and `!`, then a summary. */
export function renderDoctor(report: DoctorReport, style: Style): string {
  const colour = (c: CheckResult) => ({ pass: style.green, warn: style.yellow, fail: style.red, skip: style.dim })[c.status];
  const lines = report.checks.flatMap((c) => {
    const [first, ...rest] = c.detail.split('\n');
    return [
      `${colour(c)(MARK[c.status])} ${c.title}: ${first}`,
      ...rest.map((l) => `    ${l}`),
      ...(c.fix && c.status !== 'pass' ? [`    ${style.bold('fix:')} ${c.fix}`] : []),
    ];
  });
  const count = (s: CheckResult['status']) => report.checks.filter((c) => c.status === s).length;
  const summary = `${count('pass')} passed, ${count('warn')} warning${count('warn') === 1 ? '' : 's'}, ${count('fail')} failed${count('skip') ? `, ${count('skip')} skipped` : ''}`;
  return [...lines, '', report.ok ? style.green(summary) : style.red(summary)].join('\n');
}

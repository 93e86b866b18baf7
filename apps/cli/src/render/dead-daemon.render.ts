import type { DeadDaemon } from '@localport/infrastructure';
import { Style } from './style';

/** What the CLI says about a daemon that died without shutting down, and what it left running. */
export function renderDeadDaemon(dead: DeadDaemon, s: Style): string {
  const since = dead.startedAt ? `, started ${dead.startedAt}` : '';
  const lines = [`${s.bold('daemon')} ${s.red('died')} (pid ${dead.pid}${since}): it ended without shutting down (killed or crashed)`];
  if (dead.orphans.length === 0) lines.push(`  no tunnel process it started is still running`);
  else {
    const n = dead.orphans.length;
    lines.push(`  ${n} tunnel process${n > 1 ? 'es' : ''} it started ${n > 1 ? 'are' : 'is'} still running:`);
    for (const o of dead.orphans) lines.push(`    pid ${o.pid}  ${clip(o.command, 100)}`);
  }
  lines.push(s.dim(`  'localport start' or 'localport daemon start' ${dead.orphans.length ? 'stops them and ' : ''}cleans up its files`));
  return lines.join('\n');
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

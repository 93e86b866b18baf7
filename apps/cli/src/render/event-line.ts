import type { WireDaemonEvent } from '@localport/infrastructure';
import { Style } from './style';

/** `2026-12-03T18:50:01.123Z  service.restart  db  running -> restarting: lost connection to pod` */
export function renderEventLine(e: WireDaemonEvent, style: Style): string {
  const colour = e.kind === 'service.restart' || /-> (failed|unhealthy)|not healthy|refused/.test(e.message) ? style.red : e.kind === 'daemon.reload' ? style.cyan : (s: string) => s;
  return `${style.dim(e.at)}  ${e.kind.padEnd(15)}  ${style.bold(e.subject)}  ${colour(e.message)}`;
}

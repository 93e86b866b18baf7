import { TunnelError, TunnelErrorCode } from '@localport/application';
import type { ChildEnd } from '../process/spawn-child';
import { podRefusal } from '../net/plain-failure';
import { lastMeaningfulLine } from '../process/tunnel-process';

interface Rule {
  readonly code: TunnelErrorCode;
  readonly pattern: RegExp;
  readonly permanent?: boolean;
}

// Checked in this order: the first rule any recent line matches explains the end.
const RULES: readonly Rule[] = [
  { code: 'TUNNEL.AUTH', permanent: true, pattern: /\(Unauthorized\)|\(Forbidden\)|is forbidden:|provide credentials|must be logged in/ },
  { code: 'TUNNEL.POD_NOT_RUNNING', pattern: /pod is not running/i },
  { code: 'TUNNEL.LOST_CONNECTION', pattern: /lost connection to pod/i },
  {
    code: 'TUNNEL.UNREACHABLE',
    pattern: /connection refused|connection to the server .* was refused|no such host|i\/o timeout|TLS handshake timeout|Unable to connect to the server|network is unreachable|no route to host|connection reset by peer/i,
  },
  { code: 'TUNNEL.NOT_FOUND', pattern: /\(NotFound\)|not found|does not exist|no context exists/i },
];

/** Only the end of a long-lived forward's output explains how it ended. */
const RECENT_LINES = 20;
// Per-connection chatter that says nothing about why kubectl ended.
const isChatter = (line: string) => /^Handling connection for \d+/.test(line.trim()) || /^Forwarding from /.test(line.trim());

/** Explains how a `kubectl port-forward` process ended, from its output and exit. */
export function explainKubectlExit(lines: readonly string[], end: ChildEnd): TunnelError {
  if (end.error) {
    const missing = end.error.code === 'ENOENT' || end.error.code === 'EACCES';
    return new TunnelError(missing ? 'TUNNEL.BINARY_MISSING' : 'TUNNEL.EXITED', `kubectl could not be started: ${end.error.message}`, missing, { cause: end.error });
  }
  const recent = lines.filter((l) => !isChatter(l)).slice(-RECENT_LINES);
  // kubectl ends with "lost connection to pod" after the kubelet refused a connection: say why (the raw line is in the service log).
  const refusal = recent.some((l) => /lost connection to pod/i.test(l)) ? recent.map(podRefusal).reverse().find((r) => r !== null) : undefined;
  if (refusal) return new TunnelError('TUNNEL.LOST_CONNECTION', `kubectl: ${refusal.words} (${refusal.code}); kubectl then lost its connection to the pod`, false);
  for (const rule of RULES) {
    const line = [...recent].reverse().find((l) => rule.pattern.test(l));
    if (line) return new TunnelError(rule.code, `kubectl: ${line.trim()}`, rule.permanent ?? false);
  }
  const how = end.signal ? `was killed by ${end.signal}` : `exited with code ${end.code}`;
  const last = lastMeaningfulLine(recent);
  return new TunnelError('TUNNEL.EXITED', `kubectl ${how}${last ? `: ${last}` : ''}`);
}

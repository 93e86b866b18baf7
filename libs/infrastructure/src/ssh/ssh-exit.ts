import { TunnelError, TunnelErrorCode } from '@localport/application';
import type { ChildEnd } from '../process/spawn-child';
import { lastMeaningfulLine } from '../process/tunnel-process';

interface Rule {
  readonly code: TunnelErrorCode;
  readonly pattern: RegExp;
  readonly permanent?: boolean;
}

// Checked in this order: the first rule any line matches explains the end.
const RULES: readonly Rule[] = [
  { code: 'TUNNEL.HOST_KEY', permanent: true, pattern: /Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No \S+ host key is known|host key .* has changed/i },
  // The local end of -L could not be set up: before AUTH, as these lines can say "Permission denied" too.
  { code: 'TUNNEL.EXITED', pattern: /forwarding failed|cannot listen|Could not request local forwarding|Address already in use|unix_listener/i },
  { code: 'TUNNEL.AUTH', permanent: true, pattern: /Permission denied \(|Too many authentication failures/ },
  { code: 'TUNNEL.UNREACHABLE', pattern: /Could not resolve hostname|Connection refused|timed out|No route to host|Network is unreachable/i },
  { code: 'TUNNEL.LOST_CONNECTION', pattern: /closed by remote host|Connection closed by|Connection reset by|not responding|Broken pipe|send disconnect/i },
];

// Per-connection channel failures ("channel 2: open failed: ... Connection refused") do not end the tunnel.
const isChannelNoise = (line: string) => /^channel \d+:/.test(line.trim());

/** Explains how an ssh tunnel process ended, from its stderr and exit. */
export function explainSshExit(lines: readonly string[], end: ChildEnd): TunnelError {
  if (end.error) {
    const missing = end.error.code === 'ENOENT' || end.error.code === 'EACCES';
    return new TunnelError(missing ? 'TUNNEL.BINARY_MISSING' : 'TUNNEL.EXITED', `ssh could not be started: ${end.error.message}`, missing, { cause: end.error });
  }
  const relevant = lines.filter((l) => !isChannelNoise(l));
  for (const rule of RULES) {
    const line = relevant.find((l) => rule.pattern.test(l));
    if (line) return new TunnelError(rule.code, `ssh: ${line.trim()}`, rule.permanent ?? false);
  }
  const how = end.signal ? `was killed by ${end.signal}` : `exited with code ${end.code}`;
  const last = lastMeaningfulLine(relevant);
  return new TunnelError('TUNNEL.EXITED', `ssh ${how}${last ? `: ${last}` : ''}`);
}

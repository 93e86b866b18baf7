import { ClusterProbeError, ClusterProbeErrorCode } from './cluster-probe.errors';

// klog lines (`E1128 03:51:00.123456   4242 memcache.go:265] ...`) and server warnings are noise here.
const KLOG = /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ [^\]]+\] ?/;
const WARNING = /^warning:/i;
const HINT = / - did you specify the right host or port\?$/;

/**
 * The line of kubectl's stderr a user should see: the first one that is neither a klog trace nor a
 * warning, without kubectl's "did you specify the right host or port?" hint. Falls back to the last
 * klog message, then null.
 */
export function firstMeaningfulLine(stderr: string): string | null {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  const meaningful = lines.find((l) => !KLOG.test(l) && !WARNING.test(l));
  if (meaningful) return meaningful.replace(HINT, '');
  const klog = lines.filter((l) => KLOG.test(l)).pop();
  return klog ? klog.replace(KLOG, '') : null;
}

const RULES: readonly (readonly [RegExp, ClusterProbeErrorCode])[] = [
  // A certificate kubectl distrusts will not heal by retrying.
  [/x509:|certificate/i, 'CLUSTER.REQUEST_FAILED'],
  [/Client\.Timeout exceeded|context deadline exceeded|i\/o timeout|TLS handshake timeout|\(Timeout\)|timed out/i, 'CLUSTER.TIMEOUT'],
  [/^The connection to the server .* was refused|^Unable to connect to the server|connection refused|connection reset|no such host|network is unreachable/i, 'CLUSTER.UNREACHABLE'],
  [/^Error from server \(NotFound\)/, 'CLUSTER.NOT_FOUND'],
];

/** Turns a failed kubectl run (exit code and stderr) into a probe error carrying kubectl's own words. */
export function classifyKubectlFailure(exitCode: number | null, stderr: string): ClusterProbeError {
  const line = firstMeaningfulLine(stderr);
  const message = line ?? `kubectl exited with code ${exitCode ?? 'unknown'}`;
  const code = line ? (RULES.find(([re]) => re.test(line))?.[1] ?? 'CLUSTER.REQUEST_FAILED') : 'CLUSTER.REQUEST_FAILED';
  return new ClusterProbeError(code, message, { cause: stderr.trim() || undefined });
}

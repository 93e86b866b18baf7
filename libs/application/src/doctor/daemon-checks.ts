import { Service } from '@localport/domain';
import { HealthProber } from '../ports/health-prober.port';
import { CheckResult, fail, pass, skip, warn } from './doctor-check';
import { DaemonDiagnostics } from './doctor-probes.port';
import { DoctorDeclarations } from './doctor-targets';

/** The daemon running, and its socket and directory reachable by their owner only. */
export async function daemonChecks(daemon: DaemonDiagnostics): Promise<{ checks: CheckResult[]; pid: number | null }> {
  const d = await daemon.inspect();
  if (!d.running) return { pid: null, checks: [warn('daemon', 'daemon', `not running (no answer on ${d.socketPath})`, "start it with 'localport daemon start' (or 'localport start --all')")] };
  const checks = [pass('daemon', 'daemon', `running, pid ${d.pid ?? '?'}`)];
  const open = [d.socketMode !== null && (d.socketMode & 0o077) !== 0 ? `socket ${d.socketPath} is ${octal(d.socketMode)}` : '', d.dirMode !== null && (d.dirMode & 0o077) !== 0 ? `its directory is ${octal(d.dirMode)}` : ''].filter(Boolean);
  checks.push(open.length === 0
    ? pass('daemon.socket', 'daemon socket', `private (${octal(d.socketMode ?? 0o600)})`)
    : fail('daemon.socket', 'daemon socket', `${open.join(' and ')}: other users can control the daemon`, `chmod 600 ${d.socketPath} && chmod 700 "$(dirname ${d.socketPath})" (or 'localport daemon restart')`));
  return { checks, pid: d.pid };
}

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/**
 * The credentials of health checks that carry them (their type declares it: PostgreSQL with a user, Kafka),
 * tried through the forward of each running service; a service that is not running is skipped, saying so.
 */
export async function credentialChecks(services: readonly Service[], declared: DoctorDeclarations, running: ReadonlySet<string>, prober: HealthProber): Promise<CheckResult[]> {
  const withCredentials = services.flatMap((s) => {
    const host = s.bindAddress === '0.0.0.0' || s.bindAddress === '::' ? '127.0.0.1' : s.bindAddress;
    const hint = declared.credentialsOf(s.healthCheck, host, s.localPort);
    return hint ? [{ s, host, hint }] : [];
  });
  return Promise.all(withCredentials.map(async ({ s, host, hint }) => {
    const id = `credentials:${s.name}`;
    const title = `${s.healthCheck.type} credentials (${s.name})`;
    if (!running.has(s.name)) return skip(id, title, `skipped: ${s.name} is not running; start it ('localport start ${s.name}') and run doctor again`);
    const r = await prober.check(s.healthCheck, { host, port: s.localPort }, AbortSignal.timeout(s.healthCheck.timeoutMs + 1_000));
    return r.ok ? pass(id, title, 'accepted') : fail(id, title, r.error.message, `check health_check of ${s.name}: ${hint.fields} (try them with ${hint.tryWith})`);
  }));
}

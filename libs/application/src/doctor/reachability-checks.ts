import { DEFAULT_HEALTH_TIMING, Service } from '@localport/domain';
import { HealthProber } from '../ports/health-prober.port';
import { CheckResult, fail, pass } from './doctor-check';
import { DoctorDeclarations, servicesAsking } from './doctor-targets';

const TIMEOUT_MS = 5_000;

/** For the services whose technology asks for it (tcp): something accepts TCP connections at the target. */
export async function reachabilityChecks(services: readonly Service[], declared: DoctorDeclarations, prober: HealthProber): Promise<CheckResult[]> {
  return Promise.all(servicesAsking(services, declared, 'reachable').map(async ({ service, target }) => {
    const where = target.host.includes(':') ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`;
    const id = `reachable:${service.name}`;
    const title = `target ${where} (${service.name})`;
    const spec = { type: 'tcp' as const, ...DEFAULT_HEALTH_TIMING, timeoutMs: TIMEOUT_MS, host: target.host, port: target.port };
    const r = await prober.check(spec, { host: target.host, port: target.port }, AbortSignal.timeout(TIMEOUT_MS + 1_000));
    return r.ok
      ? pass(id, title, 'accepts connections')
      : fail(id, title, r.error.message, `check that ${where} is up and reachable from here (VPN, firewall), or fix the connection of ${service.name}`);
  }));
}

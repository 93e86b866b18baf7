import { Service } from '@localport/domain';
import { CheckResult, fail, pass } from './doctor-check';
import { LocalPortDiagnostics } from './doctor-probes.port';

/** Each enabled service's local port: free, held by this daemon, or held by which other process. */
export async function localPortChecks(services: readonly Service[], ports: LocalPortDiagnostics, daemonPid: number | null, configPath: string): Promise<CheckResult[]> {
  return Promise.all(services.filter((s) => s.enabled).map(async (s) => {
    const id = `port:${s.name}`;
    const title = `local port ${s.bindAddress}:${s.localPort} (${s.name})`;
    const holder = await ports.holder(s.localPort, s.bindAddress);
    if (holder.free) return pass(id, title, 'free');
    if (holder.pid !== null && holder.pid === daemonPid) return pass(id, title, `held by the LocalPort daemon (pid ${holder.pid})`);
    const who = holder.pid === null ? 'another process (not visible to you)' : `pid ${holder.pid} (${holder.command ?? '?'})`;
    const find = holder.pid === null ? `find it with 'lsof -nP -iTCP:${s.localPort} -sTCP:LISTEN' or 'ss -ltnp', then stop it` : `stop pid ${holder.pid}`;
    return fail(id, title, `in use by ${who}`, `${find}, or change local_port of ${s.name} in ${configPath}`);
  }));
}

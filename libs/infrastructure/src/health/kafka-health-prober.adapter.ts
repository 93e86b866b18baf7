import { HealthTarget } from '@localport/application';
import { KafkaCheck, ok } from '@localport/domain';
import { hostPort } from '../net/host-port';
import { probeKafkaBroker } from './kafka-broker-probe';
import { TypedHealthProber } from './typed-health-prober';
import { CheckResult, failed, withDeadline } from './with-deadline';

/** Kafka check: a protocol round trip (ApiVersions, Metadata) with each bootstrap server in turn; the first that answers wins. */
export class KafkaHealthProber implements TypedHealthProber<KafkaCheck> {
  check(spec: KafkaCheck, target: HealthTarget, signal: AbortSignal): Promise<CheckResult> {
    const servers = spec.bootstrapServers.length > 0 ? spec.bootstrapServers.map(parseServer) : [{ host: target.host, port: target.port }];
    const label = `kafka check of ${servers.map((s) => hostPort(s.host, s.port)).join(', ')}`;
    const deadline = Date.now() + spec.timeoutMs;
    return withDeadline(label, spec.timeoutMs, signal, async (s) => {
      const problems: string[] = [];
      for (const [i, server] of servers.entries()) {
        const where = hostPort(server.host, server.port);
        if (Number.isNaN(server.port)) {
          problems.push(`${server.host}: not a host:port`);
          continue;
        }
        // Each server but the last gets a fair share of the time left, so one that hangs does not starve the next;
        // the last runs into the check's own deadline (HEALTH.TIMEOUT).
        const last = i === servers.length - 1;
        const share = (deadline - Date.now()) / (servers.length - i);
        const answer = last ? await probeKafkaBroker(server.host, server.port, s) : await withTimeLimit(s, share, (limited) => probeKafkaBroker(server.host, server.port, limited));
        if (answer.ok) return ok(undefined);
        problems.push(`${where}: ${answer.error}`);
      }
      return failed(`kafka: no bootstrap server answered (${problems.join('; ')})`);
    });
  }
}

async function withTimeLimit<T>(outer: AbortSignal, ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const limited = new AbortController();
  const cut = (): void => limited.abort(new Error(`no answer within ${Math.round(ms)} ms`));
  const timer = setTimeout(cut, Math.max(1, ms));
  outer.addEventListener('abort', cut, { once: true });
  try {
    return await run(limited.signal);
  } finally {
    clearTimeout(timer);
    outer.removeEventListener('abort', cut);
  }
}

/** `host:port`, `[v6]:port`; an unparsable entry gets port NaN. */
function parseServer(entry: string): { host: string; port: number } {
  const at = entry.lastIndexOf(':');
  if (at <= 0) return { host: entry, port: NaN };
  const host = entry.slice(0, at).replace(/^\[(.*)\]$/, '$1');
  const port = Number(entry.slice(at + 1));
  return { host, port: Number.isInteger(port) && port > 0 && port < 65536 ? port : NaN };
}

import type { CliRun } from './localport-cli';

interface ClusterLine {
  context: string;
  status: string;
  lastError: string | null;
}

interface ServiceLine {
  name: string;
  state: string;
  healthy: boolean;
  lastError: string | null;
}

/** Reads `localport status -o json`; returns why the named services are not all running and healthy, or null. */
export function checkAllHealthy(run: CliRun, names: readonly string[]): { reason: string; details: string[] } | null {
  if (run.code !== 0) return { reason: `'localport status -o json' exited with ${run.code}`, details: run.stderr.trim().split('\n') };
  let services: ServiceLine[];
  let clusters: ClusterLine[];
  try {
    const doc = JSON.parse(run.stdout) as { services: ServiceLine[]; clusters: ClusterLine[] };
    services = doc.services;
    clusters = doc.clusters ?? [];
  } catch (e) {
    return { reason: `'localport status -o json' printed something that is not JSON: ${(e as Error).message}`, details: [] };
  }
  const bad = names.flatMap((name) => {
    const s = services.find((x) => x.name === name);
    if (!s) return [`${name}: missing from status`];
    return s.state === 'running' && s.healthy ? [] : [`${name}: ${s.state}${s.healthy ? '' : ', not healthy'}${s.lastError ? ` (${s.lastError})` : ''}`];
  });
  const sick = clusters.filter((c) => c.status !== 'healthy').map((c) => `cluster ${c.context}: ${c.status}${c.lastError ? ` (${c.lastError})` : ''}`);
  return bad.length ? { reason: `${bad.length} of ${names.length} services are not running and healthy`, details: [...bad, ...sick] } : null;
}

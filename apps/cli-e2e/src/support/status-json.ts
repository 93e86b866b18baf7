/** One service in `localport status -o json`, as issue 4's contract names it (extra fields allowed). */
export interface ServiceJson {
  name: string;
  technology: 'kubectl' | 'ssh';
  localPort: number;
  state: string;
  healthy: boolean;
  restarts: number;
  lastError: string | null;
  context: string | null;
  /** The host:port an ssh service waits on in `waiting-for-host`. */
  host?: string | null;
  since: string;
  pid?: number | null;
  /** A running kubectl service's forwarder, and the pod a native one uses now (`namespace/name`). */
  forwarder?: string | null;
  pod?: string | null;
}

/** One context in `status -o json`. */
export interface ClusterJson {
  context: string;
  status: string;
  lastCheck: string | null;
  nodes: { ready: number; total: number };
}

/** The whole `status -o json` document. */
export interface StatusJson {
  daemon: { running: boolean; pid?: number; uptimeSeconds?: number; version?: string; configPath?: string; configError?: string | null; lastReloadAt?: string | null };
  services: ServiceJson[];
  clusters: ClusterJson[];
}

/** The states the contract allows. */
export const SERVICE_STATES = ['starting', 'running', 'unhealthy', 'restarting', 'waiting-for-cluster', 'waiting-for-host', 'failed', 'stopped', 'disabled'];

/** The named service, or a thrown error listing the ones there are. */
export function serviceOf(status: StatusJson, name: string): ServiceJson {
  const s = status.services.find((x) => x.name === name);
  if (!s) throw new Error(`service ${name} not in status (have ${status.services.map((x) => x.name).join(', ')})`);
  return s;
}

/** `name=state/healthy` for each service, for failure messages. */
export const summarize = (status: StatusJson): string =>
  status.services.map((s) => `${s.name}=${s.state}${s.healthy ? '/healthy' : ''}${s.lastError ? ` (${s.lastError})` : ''}`).join(', ');

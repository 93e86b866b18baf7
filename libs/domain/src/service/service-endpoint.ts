import { Service } from './service';

/** Where a program on this machine reaches a service's forward, and the URL for it. */
export interface ServiceEndpoint {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /** `http(s)://`, `postgresql://` or `kafka://` from the health check type; `tcp://` otherwise. */
  readonly url: string;
}

/**
 * The environment variable prefix for a service: its name upper-cased, every run of characters other than
 * letters and digits made one `_`, and a leading digit prefixed with `_` (`postgres-main` -> `POSTGRES_MAIN`).
 */
export function envVarPrefix(name: string): string {
  const upper = name.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[0-9]/.test(upper) || upper === '' ? `_${upper}` : upper;
}

/** A wildcard bind address is reached on loopback. */
const reachableHost = (bind: string) => (bind === '0.0.0.0' ? '127.0.0.1' : bind === '::' ? '::1' : bind);

/** The service's local endpoint: its bind address (loopback for a wildcard) and local port. */
export function serviceEndpoint(service: Service): ServiceEndpoint {
  const host = reachableHost(service.bindAddress);
  const port = service.localPort as number;
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const check = service.healthCheck;
  let url: string;
  if (check.type === 'http') url = `${check.scheme}://${authority}`;
  else if (check.type === 'postgres') url = `postgresql://${check.user ? `${encodeURIComponent(check.user)}@` : ''}${authority}/${encodeURIComponent(check.database ?? 'postgres')}`;
  else if (check.type === 'kafka') url = `kafka://${authority}`;
  else url = `tcp://${authority}`;
  return { name: service.name, host, port, url };
}

/** `<PREFIX>_HOST`, `<PREFIX>_PORT` and `<PREFIX>_URL` for an endpoint. */
export function endpointVariables(e: ServiceEndpoint): Record<string, string> {
  const p = envVarPrefix(e.name);
  return { [`${p}_HOST`]: e.host, [`${p}_PORT`]: String(e.port), [`${p}_URL`]: e.url };
}

import { Service } from './service';
import { WaitingState } from './service-state';

/**
 * What a service waits on while it is down through no fault of its own: the cluster of its kube
 * context, or the host (`host:port`) its tunnel connects to first. `key` names it for the gate.
 */
export interface ServiceGate {
  readonly kind: 'cluster' | 'host';
  readonly key: string;
}

/** The state a service shows while the gate of `kind` is closed. */
export const waitingStateOf = (kind: ServiceGate['kind']): WaitingState => (kind === 'cluster' ? 'waiting-for-cluster' : 'waiting-for-host');

/** The gate that governs `service`'s restarts (its technology declared it at load), or null. */
export function gateOf(service: Pick<Service, 'kubeContext' | 'gateHost'>): ServiceGate | null {
  if (service.kubeContext !== null) return { kind: 'cluster', key: service.kubeContext };
  if (service.gateHost) return { kind: 'host', key: service.gateHost };
  return null;
}

/** `host:port`, with IPv6 literals in brackets (`[::1]:22`): how a host gate's key is written. */
export const formatHostPort = (host: string, port: number): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

/** The host and port of a `host:port` key, or null when it is not one. */
export function parseHostPort(key: string): { readonly host: string; readonly port: number } | null {
  const at = key.lastIndexOf(':');
  const port = Number(key.slice(at + 1));
  if (at <= 0 || !Number.isInteger(port) || port < 1 || port > 65535) return null;
  const host = key.slice(0, at);
  return { host: host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host, port };
}

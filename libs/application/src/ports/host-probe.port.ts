/**
 * Whether a host accepts TCP connections on a port: what the host gate polls while ssh services
 * wait for their host. Cheap: connect, then close at once; nothing is sent.
 */
export interface HostProbe {
  /** True once a connection is made; false when refused, unroutable, unresolvable or not answered within `timeoutMs`. Never rejects. */
  reachable(host: string, port: number, timeoutMs: number): Promise<boolean>;
}

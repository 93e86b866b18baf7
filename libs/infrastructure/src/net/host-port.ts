import { isIPv6 } from 'node:net';

/** `host:port` for messages and URLs; IPv6 literals get brackets (`[::1]:8080`). */
export const hostPort = (host: string, port: number): string => (isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`);

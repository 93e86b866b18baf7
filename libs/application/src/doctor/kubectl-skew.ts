import { KubeVersion } from './doctor-probes.port';

/** kubectl supports an API server one minor version older or newer than itself. */
export const SUPPORTED_KUBECTL_SKEW = 1;

/** How many minor versions apart a client and a server are (different majors count as far apart). */
export function minorSkew(client: KubeVersion, server: KubeVersion): number {
  return client.major !== server.major ? Number.POSITIVE_INFINITY : Math.abs(client.minor - server.minor);
}

/** `1.32.4` / `v1.29.0-gke.1` -> 1.32 / 1.29; null when it holds no version. */
export function parseKubeVersion(text: string): KubeVersion | null {
  const m = /v?(\d+)\.(\d+)/.exec(text);
  return m ? { major: Number(m[1]), minor: Number(m[2]), text: text.replace(/^v/, '') } : null;
}

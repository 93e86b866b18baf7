import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'yaml';

/** A further context in the written kubeconfig, e.g. one pointing at a closed port to play an unreachable cluster. */
export interface ExtraKubeContext {
  name: string;
  /** API server URL; defaults to the fake's own. */
  server?: string;
  namespace?: string;
}

/** Options for `writeKubeconfig`. */
export interface KubeconfigOptions {
  /** Name of the fake's context (and of its cluster and user); default `fake`. */
  contextName?: string;
  namespace?: string;
  extraContexts?: ExtraKubeContext[];
  /** Defaults to `contextName`. */
  currentContext?: string;
}

/** The fake's endpoint: its URL and, over https, the PEM of its self-signed CA. */
export interface KubeEndpoint {
  url: string;
  caPem?: string;
}

const clusterFor = (server: string, endpoint: KubeEndpoint): Record<string, unknown> =>
  server === endpoint.url && endpoint.caPem
    ? { server, 'certificate-authority-data': Buffer.from(endpoint.caPem).toString('base64') }
    : // http needs the flag too: client-node refuses plain http without it.
      { server, 'insecure-skip-tls-verify': true };

/** Builds a kubeconfig object: https clusters carry the CA data, http ones `insecure-skip-tls-verify: true`. */
export function buildKubeconfig(endpoint: KubeEndpoint, opts: KubeconfigOptions = {}): Record<string, unknown> {
  const main = opts.contextName ?? 'fake';
  const contexts: ExtraKubeContext[] = [{ name: main, namespace: opts.namespace }, ...(opts.extraContexts ?? [])];
  return {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    'current-context': opts.currentContext ?? main,
    clusters: contexts.map((c) => ({ name: c.name, cluster: clusterFor(c.server ?? endpoint.url, endpoint) })),
    users: contexts.map((c) => ({ name: c.name, user: { token: `fake-token-${c.name}` } })),
    contexts: contexts.map((c) => ({ name: c.name, context: { cluster: c.name, user: c.name, ...(c.namespace ? { namespace: c.namespace } : {}) } })),
  };
}

/** Writes {@link buildKubeconfig}'s result as YAML (mode 0600), creating the directory. */
export function writeKubeconfigFile(file: string, endpoint: KubeEndpoint, opts: KubeconfigOptions = {}): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, stringify(buildKubeconfig(endpoint, opts)), { mode: 0o600 });
}

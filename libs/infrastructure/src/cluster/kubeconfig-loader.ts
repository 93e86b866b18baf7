import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Cluster, Context, KubeConfig, User } from '@kubernetes/client-node';
import { importOptional } from '../optional/optional-dependency';

/** Where to look for kubeconfig files: the environment (KUBECONFIG) and the home directory. */
export interface KubeconfigLocation {
  readonly env?: NodeJS.ProcessEnv;
  readonly homeDir?: string;
}

/** The kubeconfig files kubectl would read: every existing entry of KUBECONFIG, else ~/.kube/config. */
export function kubeconfigFiles(location: KubeconfigLocation = {}): string[] {
  const env = location.env ?? process.env;
  const listed = (env['KUBECONFIG'] ?? '').split(delimiter).filter((f) => f.length > 0);
  const candidates = listed.length > 0 ? listed : [join(location.homeDir ?? homedir(), '.kube', 'config')];
  return candidates.filter((f) => existsSync(f));
}

/**
 * Loads the kubeconfig with kubectl's merge rules, which client-node's `loadFromDefault` does not
 * follow: missing or unreadable files are skipped, the first file to set a cluster, user, context or
 * current-context wins, and duplicates are not an error. Null when no file could be read. Loads
 * client-node (~70 MB of RSS once loaded) on first use only, so a daemon without Kubernetes never pays for it.
 */
export async function loadKubeConfig(location: KubeconfigLocation = {}): Promise<KubeConfig | null> {
  const files = kubeconfigFiles(location);
  if (files.length === 0) return null;
  const { KubeConfig } = await importOptional('@kubernetes/client-node', 'reading a kubeconfig', () => import('@kubernetes/client-node'));
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let currentContext = '';
  let loaded = 0;
  for (const file of files) {
    const kc = new KubeConfig();
    try {
      kc.loadFromFile(file, { onInvalidEntry: 'filter' });
    } catch {
      continue;
    }
    loaded++;
    for (const c of kc.getClusters()) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of kc.getUsers()) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of kc.getContexts()) if (!contexts.has(c.name)) contexts.set(c.name, c);
    currentContext ||= kc.getCurrentContext() ?? '';
  }
  if (loaded === 0) return null;
  const merged = new KubeConfig();
  merged.loadFromOptions({ clusters: [...clusters.values()], users: [...users.values()], contexts: [...contexts.values()], currentContext });
  return merged;
}

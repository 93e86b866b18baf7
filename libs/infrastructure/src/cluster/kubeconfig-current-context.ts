import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { KubeconfigLocation, kubeconfigFiles } from './kubeconfig-loader';

/**
 * kubectl's current context: the first `current-context` set by a readable kubeconfig file (KUBECONFIG order, else
 * ~/.kube/config), or null. Reads the YAML itself: loading client-node for one field costs ~100 MB of RSS and over a
 * CPU-second, which a daemon whose kubectl services name no context would otherwise pay.
 */
export async function currentKubeContext(location: KubeconfigLocation = {}): Promise<string | null> {
  for (const file of kubeconfigFiles(location)) {
    let doc: unknown;
    try {
      doc = parse(await readFile(file, 'utf8'));
    } catch {
      continue; // unreadable or not YAML: skipped, as kubectl does
    }
    const current = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>)['current-context'] : undefined;
    if (typeof current === 'string' && current !== '') return current;
  }
  return null;
}

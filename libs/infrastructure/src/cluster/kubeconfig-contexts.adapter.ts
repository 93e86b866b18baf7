import { KubeContexts } from '@localport/application';
import { currentKubeContext } from './kubeconfig-current-context';
import { KubeconfigLocation, loadKubeConfig } from './kubeconfig-loader';

/**
 * KubeContexts read straight from the kubeconfig files (KUBECONFIG with several files honoured,
 * kubectl's merge rules), without running kubectl. Re-reads the files on every call.
 */
export class KubeconfigContexts implements KubeContexts {
  constructor(private readonly location: KubeconfigLocation = {}) {}

  /** Without client-node: the daemon asks this whenever a kubectl service names no context. */
  current(): Promise<string | null> {
    return currentKubeContext(this.location);
  }

  async list(): Promise<string[]> {
    return ((await loadKubeConfig(this.location))?.getContexts() ?? []).map((c) => c.name);
  }
}

import { KubeContexts } from '@localport/application';
import { KubeconfigLocation, loadKubeConfig } from './kubeconfig-loader';

/**
 * KubeContexts read straight from the kubeconfig files (KUBECONFIG with several files honoured,
 * kubectl's merge rules), without running kubectl. Re-reads the files on every call.
 */
export class KubeconfigContexts implements KubeContexts {
  constructor(private readonly location: KubeconfigLocation = {}) {}

  async current(): Promise<string | null> {
    const kc = await loadKubeConfig(this.location);
    const name = kc?.getCurrentContext();
    return name ? name : null;
  }

  async list(): Promise<string[]> {
    return ((await loadKubeConfig(this.location))?.getContexts() ?? []).map((c) => c.name);
  }
}

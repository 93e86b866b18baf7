import { execFile } from 'node:child_process';
import { KubeContexts } from '@localport/application';

/**
 * KubeContexts read through `kubectl config` (KUBECONFIG honoured). Lighter than the API client's
 * kubeconfig loader, for the CLI, which must start fast.
 */
export class KubectlContexts implements KubeContexts {
  constructor(private readonly options: { kubectl?: string; env?: NodeJS.ProcessEnv } = {}) {}

  async current(): Promise<string | null> {
    const out = await this.run(['config', 'current-context']);
    return out?.trim() || null;
  }

  async list(): Promise<string[]> {
    const out = await this.run(['config', 'get-contexts', '-o', 'name']);
    return (out ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  }

  private run(args: string[]): Promise<string | null> {
    return new Promise((resolve) => {
      execFile(this.options.kubectl ?? 'kubectl', args, { env: this.options.env ?? process.env, timeout: 10_000 }, (error, stdout) => resolve(error ? null : stdout));
    });
  }
}

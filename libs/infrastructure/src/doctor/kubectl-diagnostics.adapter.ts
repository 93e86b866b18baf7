import { KubectlDiagnostics, KubeVersion, parseKubeVersion, ProbeFailure } from '@localport/application';
import { err, ok, Result } from '@localport/domain';
import { runKubectl } from '../cluster/kubectl-runner';

const TIMEOUT_MS = 12_000;

/** KubectlDiagnostics through the kubectl CLI (the same binary and environment the daemon uses). */
export class KubectlCliDiagnostics implements KubectlDiagnostics {
  constructor(private readonly options: { kubectl?: string; env?: NodeJS.ProcessEnv } = {}) {}

  async clientVersion(): Promise<Result<KubeVersion, ProbeFailure>> {
    const out = await this.run(['version', '--client', '-o', 'json']);
    return out.ok ? this.versionOf(out.value, 'clientVersion') : out;
  }

  async serverVersion(context: string | undefined): Promise<Result<KubeVersion, ProbeFailure>> {
    const out = await this.run([...ctx(context), 'version', '-o', 'json', '--request-timeout=8s']);
    return out.ok ? this.versionOf(out.value, 'serverVersion') : out;
  }

  async canListPods(context: string | undefined, namespace: string): Promise<Result<void, ProbeFailure>> {
    const out = await this.run([...ctx(context), 'get', '--raw', `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods?limit=1`, '--request-timeout=8s']);
    return out.ok ? ok(undefined) : out;
  }

  private versionOf(stdout: string, key: 'clientVersion' | 'serverVersion'): Result<KubeVersion, ProbeFailure> {
    let text = '';
    try {
      text = String((JSON.parse(stdout) as Record<string, { gitVersion?: string } | undefined>)[key]?.gitVersion ?? '');
    } catch {
      // fall through: no version in the output
    }
    const v = parseKubeVersion(text);
    return v ? ok(v) : err({ code: 'KUBECTL.NO_VERSION', message: `kubectl reported no ${key}` });
  }

  private async run(args: string[]): Promise<Result<string, ProbeFailure>> {
    const binary = this.options.kubectl ?? 'kubectl';
    const r = await runKubectl(args, { binary, env: this.options.env ?? process.env, timeoutMs: TIMEOUT_MS, signal: new AbortController().signal });
    return r.ok ? r : err({ code: r.error.code, message: r.error.message });
  }
}

const ctx = (context: string | undefined) => (context ? ['--context', context] : []);

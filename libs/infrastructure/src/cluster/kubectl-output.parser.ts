import { err, ok, Result } from '@localport/domain';
import { ClusterProbeError } from './cluster-probe.errors';
import { KubeList } from './kube-objects';

const parseJson = <T>(stdout: string, what: string): Result<T, ClusterProbeError> => {
  try {
    return ok(JSON.parse(stdout) as T);
  } catch (e) {
    return err(new ClusterProbeError('CLUSTER.REQUEST_FAILED', `kubectl printed no JSON for ${what}`, { cause: e }));
  }
};

const stripV = (v: string): string => v.replace(/^v/, '');

/** `serverVersion.gitVersion` of `kubectl version -o json`, or the `Server Version:` line of the text form. */
export function parseServerVersion(stdout: string, json: boolean): Result<string | null, ClusterProbeError> {
  if (!json) {
    const m = /Server Version: (?:version\.Info\{.*?GitVersion:"([^"]+)"|(\S+))/.exec(stdout);
    return ok(m ? stripV(m[1] ?? m[2]) : null);
  }
  const parsed = parseJson<{ serverVersion?: { gitVersion?: string } }>(stdout, 'version');
  if (!parsed.ok) return parsed;
  const v = parsed.value.serverVersion?.gitVersion;
  return ok(v ? stripV(v) : null);
}

/** `clusters[0].cluster.server` of `kubectl config view --minify -o json`. */
export function parseServerUrl(stdout: string): Result<string | null, ClusterProbeError> {
  const parsed = parseJson<{ clusters?: { cluster?: { server?: string } }[] }>(stdout, 'config view');
  return parsed.ok ? ok(parsed.value.clusters?.[0]?.cluster?.server ?? null) : parsed;
}

/** The `items` of a `kubectl get ... -o json` list. */
export function parseItems<T>(stdout: string, what: string): Result<readonly T[], ClusterProbeError> {
  const parsed = parseJson<KubeList<T>>(stdout, what);
  return parsed.ok ? ok(parsed.value.items ?? []) : parsed;
}

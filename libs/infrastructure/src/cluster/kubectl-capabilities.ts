import { err, ok, Result } from '@localport/domain';
import { ClusterProbeError } from './cluster-probe.errors';

/** What the kubectl that actually runs can do, read from `kubectl version --client -o json`. */
export interface KubectlCapabilities {
  /** e.g. `v1.33.1`. */
  readonly gitVersion: string;
  readonly major: number;
  readonly minor: number;
  /** `kubectl version -o json` exists (1.11+); older clients only print text. */
  readonly versionJson: boolean;
  /** `kubectl get --raw <path>` exists (1.10+); older clients probe reachability with `version`. */
  readonly rawGet: boolean;
  /** `version --short` exists (before 1.28). Recorded for diagnostics; never used. */
  readonly versionShortFlag: boolean;
  /**
   * The gcloud dispatcher answered for itself (`v1.32.4-dispatcher`): either the server runs 1.32 or
   * the dispatcher could not ask it which kubectl to run. Confirmed by the next server version seen.
   */
  readonly provisional: boolean;
}

interface ClientVersionJson {
  readonly clientVersion?: { readonly major?: string; readonly minor?: string; readonly gitVersion?: string };
}

/** Parses `kubectl version --client -o json` (`minor` may read `32+`). */
export function parseClientVersion(stdout: string): Result<KubectlCapabilities, ClusterProbeError> {
  let parsed: ClientVersionJson;
  try {
    parsed = JSON.parse(stdout) as ClientVersionJson;
  } catch (e) {
    return err(new ClusterProbeError('CLUSTER.REQUEST_FAILED', 'kubectl version --client printed no JSON', { cause: e }));
  }
  const v = parsed.clientVersion;
  const major = Number.parseInt(v?.major ?? '', 10);
  const minor = Number.parseInt(v?.minor ?? '', 10);
  if (!v || Number.isNaN(major) || Number.isNaN(minor)) {
    return err(new ClusterProbeError('CLUSTER.REQUEST_FAILED', 'kubectl version --client gave no clientVersion.major/minor'));
  }
  return ok(capabilitiesOf(v.gitVersion ?? `v${major}.${minor}`, major, minor));
}

/** The capabilities of a kubectl release. */
export function capabilitiesOf(gitVersion: string, major: number, minor: number): KubectlCapabilities {
  const atLeast = (m: number): boolean => major > 1 || (major === 1 && minor >= m);
  return {
    gitVersion, major, minor,
    versionJson: atLeast(11),
    rawGet: atLeast(10),
    versionShortFlag: !atLeast(28),
    provisional: gitVersion.includes('dispatcher'),
  };
}

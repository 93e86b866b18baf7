import { Result } from '@localport/domain';
import { HostKeyChecking, SshDoctorTarget } from './doctor-targets';

/** A probe could not answer; `message` is the tool's own words (kubectl's stderr, ssh's, errno). */
export interface ProbeFailure {
  readonly code: string;
  readonly message: string;
}

/** `major.minor` of a Kubernetes client or server. */
export interface KubeVersion {
  readonly major: number;
  readonly minor: number;
  readonly text: string;
}

/** What doctor asks kubectl. Each call resolves within its own timeout (about 10 s); never rejects. */
export interface KubectlDiagnostics {
  /** The kubectl client's version; `CLIENT_MISSING` when kubectl cannot be run. */
  clientVersion(): Promise<Result<KubeVersion, ProbeFailure>>;
  /** The API server's version through `context` (undefined: the current one); fails when unreachable or unknown. */
  serverVersion(context: string | undefined): Promise<Result<KubeVersion, ProbeFailure>>;
  /** Whether the context's credentials may list pods in `namespace` (a port-forward needs to find its pod). */
  canListPods(context: string | undefined, namespace: string): Promise<Result<void, ProbeFailure>>;
}

/** How ssh would connect, from `ssh -G`. */
export interface SshResolved {
  readonly hostname: string;
  readonly port: number;
  readonly user: string;
  readonly identityFiles: readonly string[];
  readonly knownHostsFiles: readonly string[];
  readonly strictHostKeyChecking: HostKeyChecking;
}

/** What doctor asks ssh and the files it uses. Never rejects. */
export interface SshDiagnostics {
  /** `ssh -V`; `CLIENT_MISSING` when ssh cannot be run. */
  version(): Promise<Result<string, ProbeFailure>>;
  /** `ssh -G` for the service's connection: what ssh would do, with the user's ssh_config applied. */
  resolve(connection: SshDoctorTarget): Promise<Result<SshResolved, ProbeFailure>>;
  /** Whether the host name resolves to an address. */
  lookup(hostname: string): Promise<Result<string, ProbeFailure>>;
  /** The known_hosts file holding a key for `hostname` at `port`, or null when none does. */
  knownHostKey(hostname: string, port: number, files: readonly string[]): Promise<string | null>;
  /** Whether a private key file can be used: exists, readable, not group/world-accessible. */
  checkKeyFile(path: string): Promise<Result<void, ProbeFailure>>;
}

/** Who holds a TCP port. */
export type PortHolder = { readonly free: true } | { readonly free: false; readonly pid: number | null; readonly command: string | null };

/** Whether a local port can be bound. */
export interface LocalPortDiagnostics {
  holder(port: number, bindAddress: string): Promise<PortHolder>;
}

/** The daemon as seen from outside: running, and who may reach its socket. */
export interface DaemonDiagnostics {
  inspect(): Promise<{ readonly running: boolean; readonly pid: number | null; readonly socketPath: string; readonly socketMode: number | null; readonly dirMode: number | null }>;
}

import { z } from 'zod';
import { Clock, DoctorTarget, Logger, TunnelLauncher } from '@localport/application';
import { Connection } from '@localport/domain';
import type { ChildProcessLedger } from '../process/child-process-ledger';
import type { KubeApiClients } from '../kube-native/kube-api-clients';
import type { ObjectFactory } from '../config/schema-primitives';

/** What mapping a validated `connection` needs besides its data. */
export interface ConnectionMappingContext {
  /** The config file, for paths relative to it. */
  readonly file: string;
  readonly homedir: string;
  /** The service's remote port (the connection's own when it names one, else `remote_port`). */
  readonly remotePort: number;
  /** Records a warning on a field of `connection` (e.g. `key_file`). */
  readonly warn: (field: string, message: string) => void;
  /**
   * A setting the connection inherits when it names none: `cluster_contexts.<context>.<key>` (context undefined:
   * the kubeconfig's current one), else `defaults.<key>`, else undefined. Values are validated by the file schema.
   */
  readonly inherited?: (key: string, context: string | undefined) => unknown;
}

/** What building a technology's upstream needs from the composition root. */
export interface UpstreamContext {
  /** The daemon's environment (KUBECONFIG, SSH_AUTH_SOCK, LOCALPORT_KUBECTL ... pass through). */
  readonly env: NodeJS.ProcessEnv;
  /** LocalPort's private runtime dir (0700), for sockets and helpers. */
  readonly runtimeDir: string;
  readonly ledger?: ChildProcessLedger;
  /** The daemon's logger and clock, for upstreams that run in-process (the native Kubernetes forwarder). */
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** One Kubernetes API client per kube context, shared with the cluster monitor's `api` probe. */
  readonly kubeApiClients?: KubeApiClients;
}

/**
 * Everything about one technology (`technology: <name>` in the config), in one place: its `connection`
 * schema, how that maps to the domain and back, how its target reads in `status`, whether a kube
 * context gates it, and its upstream. The core finds it in the registry by name and never asks which
 * technology it is. `C` is its connection, `D` its validated `connection` data.
 */
export interface TechnologyModule<C extends Connection = Connection, D = unknown> {
  readonly name: string;
  /** The schema of `connection`, built strictly (unknown keys warned) and loosely by the config layer. */
  connectionSchema(obj: ObjectFactory): z.ZodType<D>;
  /**
   * The remote port when the connection names it (`connection.port` of a plain TCP forward); it wins over
   * `remote_port`, which may then be left out. Technologies without this method need `remote_port`.
   */
  remotePort?(data: D): number | undefined;
  /** Maps validated data to the domain's connection, applying this technology's defaults. */
  toConnection(data: D, ctx: ConnectionMappingContext): C;
  /** The connection in the file's snake_case shape, for `config show` (parses back to the same connection). */
  render(connection: C): Record<string, unknown>;
  /** A short description of where the connection leads, e.g. `service/postgres:5432`. */
  describeTarget(connection: C, remotePort: number): string;
  /**
   * The kube context whose cluster gates a service of this technology: a name, or undefined for the
   * kubeconfig's current context. Technologies no cluster gates leave this out.
   */
  kubeContext?(connection: C): string | undefined;
  /**
   * The checks `localport doctor` runs for a service of this technology (`kubectl`, `ssh`, `reachable`);
   * the local port is checked for every service. Technologies without this method get only that.
   */
  doctor?(connection: C): readonly DoctorTarget[];
  /**
   * The `host:port` this technology's upstream connects to first (ssh: its server or first ProxyJump
   * hop). While it does not accept connections the services wait (`waiting-for-host`) and spend no
   * restart attempts. Technologies no host gates leave this out (or return undefined).
   */
  gateHost?(connection: C): string | undefined;
  /** Builds the TunnelLauncher that runs this technology's upstreams. */
  upstream(ctx: UpstreamContext): TunnelLauncher;
}

import { DEFAULT_HEALTH_TIMING, err, ok, Result, ServiceInput, Violation } from '@localport/domain';
import { ConfigFileData, ServiceData } from './config-file.schema';
import { CheckedHealthConfig } from './config-section-checks';
import { buildHealthCheck, compact } from './health-check.mapper';
import { buildRestartPolicy } from './restart-policy.mapper';
import { CheckedConnection } from './service-connection.schema';

/** What mapping one service needs besides its own data. */
export interface ServiceMappingContext {
  readonly file: string;
  readonly homedir: string;
  readonly defaults: ConfigFileData['defaults'];
  readonly clusterContexts?: ConfigFileData['cluster_contexts'];
  /** The kubeconfig's current context, or null when it has none. */
  readonly currentKubeContext: () => string | null;
  readonly warn: (field: string, message: string) => void;
}

/**
 * Maps one validated service entry to the domain's input, applying defaults (YAML seconds become ms); its
 * technology maps `connection`, describes the target and says which kube context gates it, resolved here.
 * Fails (naming the YAML field) only when a gated service names no context and the kubeconfig has none.
 */
export function toServiceInput(data: ServiceData, checked: CheckedConnection, health: CheckedHealthConfig | undefined, ctx: ServiceMappingContext): Result<ServiceInput, Violation> {
  const { technology } = checked;
  const remotePort = technology.remotePort?.(checked.data) ?? data.remote_port ?? 0;
  const inherited = (key: string, context: string | undefined): unknown => {
    const name = context ?? ctx.currentKubeContext();
    const contexts = ctx.clusterContexts ?? {};
    // Own keys only: a context named `constructor` must not read Object.prototype.
    const section = name !== null && Object.hasOwn(contexts, name) ? (contexts[name] as Record<string, unknown> | null | undefined) : undefined;
    const defaults = (ctx.defaults ?? {}) as Record<string, unknown>;
    return (section && Object.hasOwn(section, key) ? section[key] : undefined) ?? (Object.hasOwn(defaults, key) ? defaults[key] : undefined);
  };
  const connection = technology.toConnection(checked.data, { file: ctx.file, homedir: ctx.homedir, remotePort, warn: (field, message) => ctx.warn(`connection.${field}`, message), inherited });
  const kubeContext = technology.kubeContext ? (technology.kubeContext(connection) ?? ctx.currentKubeContext()) : null;
  if (technology.kubeContext && kubeContext === null) {
    return err({
      field: 'connection',
      message: 'names no context and the kubeconfig has no current context; set connection.context, or choose one with `kubectl config use-context NAME`',
    });
  }
  return ok(
    compact({
      name: data.name,
      localPort: data.local_port,
      remotePort,
      bindAddress: data.bind_address ?? '127.0.0.1',
      connectTimeoutMs: Math.round((data.connect_timeout ?? 10) * 1000),
      connection,
      target: technology.describeTarget(connection, remotePort),
      kubeContext,
      gateHost: technology.gateHost?.(connection),
      healthCheck: health ? buildHealthCheck(health.resolved, data.health_check, ctx.defaults?.health_check, health.config) : { type: 'tcp' as const, ...DEFAULT_HEALTH_TIMING },
      restartPolicy: buildRestartPolicy(data.restart_policy, ctx.defaults?.restart_policy),
      tags: data.tags ?? [],
      description: data.description ?? undefined,
      enabled: data.enabled ?? true,
    }),
  );
}

import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { Connection, DEFAULT_HEALTH_TIMING, PortNumber, ServiceInput } from '@localport/domain';
import { expandHome } from '../paths/localport-paths';
import { ConfigFileData, ServiceData } from './config-file.schema';
import { ConnectionData, CheckedHealthConfig } from './config-section-checks';
import { buildHealthCheck, compact } from './health-check.mapper';
import { buildRestartPolicy } from './restart-policy.mapper';

/** What mapping one service needs besides its own data. */
export interface ServiceMappingContext {
  readonly file: string;
  readonly homedir: string;
  readonly defaults: ConfigFileData['defaults'];
  readonly warn: (field: string, message: string) => void;
}

/** Maps one validated service entry to the domain's input, applying defaults (YAML seconds become ms). */
export function toServiceInput(data: ServiceData, connection: ConnectionData, health: CheckedHealthConfig | undefined, ctx: ServiceMappingContext): ServiceInput {
  const hcDefaults = ctx.defaults?.health_check;
  return compact({
    name: data.name,
    localPort: data.local_port,
    remotePort: data.remote_port,
    bindAddress: data.bind_address ?? '127.0.0.1',
    connectTimeoutMs: Math.round((data.connect_timeout ?? 10) * 1000),
    connection: toConnection(connection, ctx),
    healthCheck: health ? buildHealthCheck(health.resolved, data.health_check, hcDefaults, health.config) : { type: 'tcp' as const, ...DEFAULT_HEALTH_TIMING },
    restartPolicy: buildRestartPolicy(data.restart_policy, ctx.defaults?.restart_policy),
    tags: data.tags ?? [],
    description: data.description ?? undefined,
    enabled: data.enabled ?? true,
  });
}

function toConnection(c: ConnectionData, ctx: ServiceMappingContext): Connection {
  if (c.technology === 'kubectl') {
    return compact({ technology: 'kubectl', resourceType: c.resource_type ?? 'service', resourceName: c.resource_name, namespace: c.namespace ?? 'default', context: c.context ?? undefined });
  }
  const keyFile = c.key_file ? resolveKeyFile(c.key_file, ctx) : undefined;
  return compact({
    technology: 'ssh',
    host: c.host,
    port: (c.port ?? 22) as PortNumber,
    user: c.user ?? undefined,
    keyFile,
    password: c.password ?? undefined,
    remoteHost: c.remote_host ?? 'localhost',
    strictHostKeyChecking: c.strict_host_key_checking ?? 'yes',
    options: { ...(c.ssh_options ?? {}) },
  });
}

/** `~` is the home directory; a relative path is relative to the config file, not to wherever the daemon runs. */
function resolveKeyFile(path: string, ctx: ServiceMappingContext): string {
  const expanded = expandHome(path, ctx.homedir);
  const absolute = isAbsolute(expanded) ? expanded : resolve(dirname(resolve(ctx.file)), expanded);
  if (!existsSync(absolute)) ctx.warn('connection.key_file', `${absolute} does not exist (yet); the tunnel will fail until it does`);
  return absolute;
}

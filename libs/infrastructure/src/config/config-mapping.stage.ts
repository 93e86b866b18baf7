import { createService, LocalportConfig, Service, Violation } from '@localport/domain';
import { buildClusterHealth } from './cluster-health.mapper';
import { ConfigPath } from './config-document';
import { ProblemCollector } from './config-problems';
import { ValidatedConfig } from './config-validation.stage';
import { RawConfig } from './config-values.stage';
import { toServiceInput } from './service.mapper';

/** What mapping needs besides the validated data. */
export interface MappingOptions {
  readonly file: string;
  readonly homedir: string;
  /** The kubeconfig's current context, for services that name none; read at most once per load. */
  readonly currentKubeContext: () => string | null;
}

/**
 * Stage 5, map to the domain: YAML keys and seconds become domain names and milliseconds, defaults are
 * applied, each service's kube context is resolved to a name, and the domain builds each service. A domain
 * violation comes back as a problem on the YAML field; undefined when there was any.
 */
export function mapToDomain(raw: RawConfig, validated: ValidatedConfig, problems: ProblemCollector, options: MappingOptions): LocalportConfig | undefined {
  const { data } = validated;
  let current: { name: string | null } | undefined;
  const currentContext = () => (current ??= { name: options.currentKubeContext() }).name;
  const services: Service[] = [];
  for (const [index, service] of (data.services ?? []).entries()) {
    const connection = validated.connections.get(index);
    if (!connection) continue;
    const at = (field: string): ConfigPath => ['services', index, ...field.split('.')];
    const input = toServiceInput(service, connection, validated.health.get(index), {
      file: options.file,
      homedir: options.homedir,
      defaults: data.defaults,
      clusterContexts: data.cluster_contexts,
      currentKubeContext: currentContext,
      warn: (field, message) => problems.warning(at(field), message),
    });
    if (!input.ok) {
      problems.error(at(input.error.field), input.error.message);
      continue;
    }
    const built = createService(input.value);
    if (built.ok) services.push(built.value);
    else for (const v of built.error.violations) problems.error(at(yamlField(v)), yamlMessage(v));
  }
  if (problems.errors.length > 0) return undefined;
  return { version: String(raw['version'] ?? '1.0'), services, clusterHealth: buildClusterHealth(data.defaults?.cluster_health, data.cluster_contexts) };
}

const SPECIAL: Readonly<Record<string, string>> = { kubeContext: 'connection.context' };

/** The YAML key of a domain field: `healthCheck.intervalMs` is `health_check.interval`. */
export function yamlField(v: Violation): string {
  return SPECIAL[v.field] ?? v.field.split('.').map((part) => part.replace(/Ms$/, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)).join('.');
}

/** A limit violation in the file's units (seconds), as the schema words it; other messages as they are. */
export function yamlMessage(v: Violation): string {
  if (!v.limit || typeof v.value !== 'number') return v.message;
  const k = v.limit.unit === 'ms' ? 1000 : 1;
  return `${v.value / k} is out of range (${v.limit.min / k}-${v.limit.max / k}${v.limit.unit === 'ms' ? ' seconds' : ''})`;
}

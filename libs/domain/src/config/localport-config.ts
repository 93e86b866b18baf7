import { ClusterHealthSettings, DEFAULT_CLUSTER_HEALTH } from '../cluster/cluster-health-settings';
import { Service } from '../service/service';

/** A loaded, validated configuration: the services plus cluster-health settings per context. */
export interface LocalportConfig {
  readonly version: string;
  readonly services: readonly Service[];
  readonly clusterHealth: {
    readonly defaults: ClusterHealthSettings;
    /** Per-context overrides, already merged over the defaults. */
    readonly contexts: Readonly<Record<string, ClusterHealthSettings>>;
  };
}

export const emptyConfig = (): LocalportConfig => ({ version: '1.0', services: [], clusterHealth: { defaults: DEFAULT_CLUSTER_HEALTH, contexts: {} } });

/** Cluster-health settings that apply to one context. */
export const clusterHealthFor = (config: LocalportConfig, context: string): ClusterHealthSettings =>
  // own keys only: a context named `constructor` or `toString` must not hit Object.prototype
  Object.hasOwn(config.clusterHealth.contexts, context) ? config.clusterHealth.contexts[context] : config.clusterHealth.defaults;

/** Looks a service up by name. */
export const findService = (config: LocalportConfig, name: string): Service | undefined => config.services.find((s) => s.name === name);

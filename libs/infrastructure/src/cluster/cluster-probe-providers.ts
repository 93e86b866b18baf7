/**
 * The `cluster_health.provider` names this build has a ClusterProbe for, registered once: the config schema
 * refuses any other name (a config error naming file, line and field), and the composition roots build
 * one probe per name. Kept free of imports so the CLI's config loading does not load the API client.
 */
export const CLUSTER_PROBE_PROVIDERS = ['kubectl', 'api'] as const;
export type ClusterProbeProvider = (typeof CLUSTER_PROBE_PROVIDERS)[number];

/**
 * The few fields of Kubernetes objects the probes read. Loose on purpose: kubectl's JSON (times as
 * strings) and @kubernetes/client-node's models (times as Date) both fit.
 */
export type KubeTime = string | Date | null | undefined;

export interface KubeMeta {
  readonly name?: string;
  readonly namespace?: string;
  readonly creationTimestamp?: KubeTime;
}

export interface KubeCondition {
  readonly type?: string;
  readonly status?: string;
}

export interface KubeNode {
  readonly metadata?: KubeMeta;
  readonly status?: { readonly conditions?: readonly KubeCondition[] };
}

export interface KubePod {
  readonly metadata?: KubeMeta;
  readonly spec?: { readonly nodeName?: string };
  readonly status?: {
    readonly phase?: string;
    readonly conditions?: readonly KubeCondition[];
    readonly containerStatuses?: readonly { readonly restartCount?: number }[];
  };
}

export interface KubeEvent {
  readonly metadata?: KubeMeta;
  readonly type?: string;
  readonly reason?: string;
  readonly message?: string;
  readonly involvedObject?: { readonly kind?: string; readonly name?: string; readonly namespace?: string };
  readonly count?: number;
  readonly firstTimestamp?: KubeTime;
  readonly lastTimestamp?: KubeTime;
  readonly eventTime?: KubeTime;
  readonly series?: { readonly count?: number; readonly lastObservedTime?: KubeTime };
}

/** A `kind: List` (kubectl) or `NodeList`/`PodList`/`EventList` (API) body. */
export interface KubeList<T> {
  readonly items?: readonly T[];
}

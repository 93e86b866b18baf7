/** The parts of Kubernetes objects the native forwarder reads (pods, EndpointSlices, services, workloads). */
export interface KubeItem {
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly uid?: string; readonly deletionTimestamp?: string; readonly resourceVersion?: string };
  readonly status?: { readonly phase?: string; readonly conditions?: ReadonlyArray<{ readonly type: string; readonly status: string }> };
  readonly endpoints?: ReadonlyArray<{
    readonly conditions?: { readonly ready?: boolean };
    readonly targetRef?: { readonly kind?: string; readonly name: string; readonly uid?: string };
  }>;
  readonly ports?: ReadonlyArray<{ readonly name?: string; readonly port?: number }>;
}

/** A list response. */
export interface KubeItemList {
  readonly metadata?: { readonly resourceVersion?: string };
  readonly items?: KubeItem[];
}

/** A service as far as port resolution goes. */
export interface KubeServiceItem {
  readonly spec?: { readonly ports?: ReadonlyArray<{ readonly name?: string; readonly port: number; readonly targetPort?: number | string }> };
}

/** A Deployment or StatefulSet as far as its selector goes. */
export interface KubeWorkloadItem {
  readonly spec?: { readonly selector?: { readonly matchLabels?: Record<string, string>; readonly matchExpressions?: ReadonlyArray<{ key: string; operator: string; values?: string[] }> } };
}

/** A pod is Ready when it runs, its Ready condition is True and it is not being deleted. */
export const isReadyPod = (pod: KubeItem): boolean =>
  pod.status?.phase === 'Running' && !pod.metadata.deletionTimestamp && (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

import { Connection } from '@localport/domain';

/** Kubernetes resource kinds a kubectl forward can target. */
export const RESOURCE_TYPES = ['pod', 'service', 'deployment', 'statefulset'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** How to reach a Kubernetes resource. `context` undefined means the kubeconfig's current context. */
export interface KubectlConnection extends Connection {
  readonly technology: 'kubectl';
  readonly resourceType: ResourceType;
  readonly resourceName: string;
  readonly namespace: string;
  readonly context?: string;
}

/** Whether a service's connection is a kubectl one. */
export const isKubectlConnection = (c: Connection): c is KubectlConnection => c.technology === 'kubectl';
